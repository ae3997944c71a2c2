/**
 * Syslog (RFC 5424, RFC 3164, RFC 6587 over TCP): what network gear, servers and appliances say
 * about themselves when they log to a collector.
 */
package dev.vigil.engine.proto.syslog;
