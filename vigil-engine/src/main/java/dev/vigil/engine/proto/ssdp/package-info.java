/**
 * SSDP (UPnP Device Architecture 2.0 §1): discovery messages over UDP 1900, NOTIFY, M-SEARCH and
 * search responses, read with the HTTP head parser since SSDP is HTTP over UDP (UDA 2.0 §1.1.2).
 * The device descriptions the messages point at are {@link dev.vigil.engine.proto.upnp}.
 */
package dev.vigil.engine.proto.ssdp;
