/**
 * Telnet (RFC 854, option negotiation RFC 855): banners and login attempts typed at the server's
 * prompts, with their outcome. Credentials travel as masked secrets.
 */
package dev.vigil.engine.proto.telnet;
