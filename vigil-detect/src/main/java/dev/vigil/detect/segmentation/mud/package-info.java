/**
 * Manufacturer Usage Descriptions (RFC 8520) with the ACL model of RFC 8519: the MUD file as
 * records, its JSON exactly as the RFCs name the nodes, a validator against the YANG trees of
 * ietf-mud, ietf-access-control-list, ietf-packet-fields and ietf-acldns, learning one MUD file per
 * device and per model from observed flows and DNS answers (each entry with its evidence), turning
 * MUD files into a policy, and comparing a manufacturer's file with what a device does. Pure.
 */
package dev.vigil.detect.segmentation.mud;
