/**
 * NetBIOS over TCP/IP (RFC 1001, RFC 1002): name registrations and queries, and Windows browser
 * host announcements ([MS-BRWS]) with host names, OS versions and server roles.
 */
package dev.vigil.engine.proto.netbios;
