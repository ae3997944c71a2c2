/** TFTP (RFC 1350, options RFC 2347): read and write requests, with file names and modes. */
package dev.vigil.engine.proto.tftp;
