/**
 * WS-Discovery 1.1 (OASIS) over UDP 3702: the device types, ONVIF scopes (hardware model, name,
 * location) and service addresses that cameras, printers and hosts announce.
 */
package dev.vigil.engine.proto.wsd;
