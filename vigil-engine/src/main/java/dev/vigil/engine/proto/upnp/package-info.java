/**
 * UPnP device descriptions (UPnP Device Architecture 2.0 §2.3): the XML a device serves at the
 * LOCATION its SSDP messages give, read from HTTP responses by the HTTP dissector with
 * {@link dev.vigil.engine.proto.upnp.UpnpDescriptionParser}.
 */
package dev.vigil.engine.proto.upnp;
