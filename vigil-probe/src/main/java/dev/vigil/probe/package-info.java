/**
 * Active checks, opt-in and scoped ({@code vigil probe}): banner grabs on telnet, SSH, HTTP, RTSP,
 * MQTT and FTP, and published-default login attempts on telnet, HTTP Basic, MQTT and FTP, against
 * devices the operator owns. Every connection goes through {@link Connector}, which refuses any
 * address outside the scope or inside a passive-only range and spaces connections to the rate.
 */
package dev.vigil.probe;
