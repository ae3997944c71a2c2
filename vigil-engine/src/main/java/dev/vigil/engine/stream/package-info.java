/**
 * TCP stream reassembly: in-order delivery per direction with retransmission trimming, bounded
 * out-of-order holding, gaps reported to dissectors, and a depth limit
 * ({@link dev.vigil.engine.stream.ReassemblyLimits}).
 */
package dev.vigil.engine.stream;
