/**
 * LLDP (IEEE 802.1AB): system name, description, capabilities and management addresses of
 * switches, phones and devices, and the MUD URL TLV of RFC 8520 §10.
 */
package dev.vigil.engine.proto.lldp;
