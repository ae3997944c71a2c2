/**
 * SSDP and UPnP (UPnP Device Architecture 2.0): discovery messages over UDP 1900, and the device
 * descriptions that devices serve over HTTP (read by the HTTP dissector with
 * {@link dev.vigil.engine.proto.ssdp.UpnpDescriptionParser}).
 */
package dev.vigil.engine.proto.ssdp;
