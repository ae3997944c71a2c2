/** Where alerts go besides the store: webhooks (JSON) and syslog (RFC 5424 or CEF, over UDP or TCP). */
package dev.vigil.server.outputs;
