/**
 * Byte discipline: one bounds-checked cursor ({@link dev.vigil.engine.wire.WireReader}) for every
 * parser, and unchecked field reads ({@link dev.vigil.engine.wire.Bytes}) for the decoder after it
 * has checked a header's length. Nothing here copies packet data unless asked to.
 */
package dev.vigil.engine.wire;
