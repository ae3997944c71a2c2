package dev.vigil.enforce.radius;

/** A datagram that is not a well-formed RADIUS packet; the message says what is wrong, in one line. */
public final class RadiusFormatException extends Exception {

    public RadiusFormatException(String message) {
        super(message);
    }
}
