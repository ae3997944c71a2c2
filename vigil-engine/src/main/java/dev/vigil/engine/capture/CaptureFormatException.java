package dev.vigil.engine.capture;

/** The input is not a capture this reader knows (not pcap, pcapng, or either gzip-compressed). */
public final class CaptureFormatException extends Exception {

    public CaptureFormatException(String message) {
        super(message);
    }
}
