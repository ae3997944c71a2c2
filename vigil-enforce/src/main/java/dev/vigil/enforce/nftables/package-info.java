/**
 * nftables as an enforcement point (nft(8), the nftables wiki): the compiled policy rendered as one
 * table of its own, {@code inet vigil}, with interval sets of concatenations per source group and
 * verdict maps, checked with {@code nft -c} and replaced in one {@code nft -f} transaction;
 * counters read back with {@code nft -j}. Never touches another table.
 */
package dev.vigil.enforce.nftables;
