/**
 * FTP control connections (RFC 959): the greeting, USER/PASS login attempts and their outcome
 * (masked), and file transfer commands. AUTH TLS (RFC 4217) ends inspection.
 */
package dev.vigil.engine.proto.ftp;
