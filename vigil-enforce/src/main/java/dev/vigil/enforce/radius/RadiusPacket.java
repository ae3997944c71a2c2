package dev.vigil.enforce.radius;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One RADIUS packet (RFC 2865 section 3): code, identifier, the 16-octet authenticator and the
 * attributes in order. {@link #parse} reads a datagram and refuses anything the RFC calls malformed
 * with a {@link RadiusFormatException}; {@link #encode} writes one.
 *
 * @param code the packet type ({@link #ACCESS_REQUEST} …)
 * @param id the identifier that matches replies to requests
 * @param authenticator the 16-octet authenticator
 * @param attributes the attributes in the order they came or are to be sent
 */
public record RadiusPacket(int code, int id, byte[] authenticator, List<Attribute> attributes) {

    public static final int ACCESS_REQUEST = 1;
    public static final int ACCESS_ACCEPT = 2;
    public static final int ACCESS_REJECT = 3;
    public static final int DISCONNECT_REQUEST = 40;
    public static final int DISCONNECT_ACK = 41;
    public static final int DISCONNECT_NAK = 42;
    public static final int COA_REQUEST = 43;
    public static final int COA_ACK = 44;
    public static final int COA_NAK = 45;

    /** RFC 2865 section 3: a packet is 20 to 4096 octets. */
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 4096;
    public static final int AUTHENTICATOR_LENGTH = 16;

    /** Attribute types used here (RFC 2865 section 5, RFC 2868, RFC 3579, RFC 5176). */
    public static final int USER_NAME = 1;
    public static final int USER_PASSWORD = 2;
    public static final int CHAP_PASSWORD = 3;
    public static final int NAS_IP_ADDRESS = 4;
    public static final int NAS_PORT = 5;
    public static final int SERVICE_TYPE = 6;
    public static final int REPLY_MESSAGE = 18;
    public static final int CALLED_STATION_ID = 30;
    public static final int CALLING_STATION_ID = 31;
    public static final int NAS_IDENTIFIER = 32;
    public static final int ACCT_SESSION_ID = 44;
    public static final int EVENT_TIMESTAMP = 55;
    public static final int TUNNEL_TYPE = 64;
    public static final int TUNNEL_MEDIUM_TYPE = 65;
    public static final int EAP_MESSAGE = 79;
    public static final int MESSAGE_AUTHENTICATOR = 80;
    public static final int TUNNEL_PRIVATE_GROUP_ID = 81;
    public static final int NAS_IPV6_ADDRESS = 95;
    public static final int ERROR_CAUSE = 101;

    /**
     * One attribute.
     *
     * @param type the attribute type
     * @param value its value (at most 253 octets)
     */
    public record Attribute(int type, byte[] value) {

        /** RFC 2865 section 5: the length octet counts type and length too, so 253 octets of value at most. */
        public static final int MAX_VALUE = 253;

        public Attribute {
            if (value.length > MAX_VALUE) {
                throw new IllegalArgumentException("a RADIUS attribute holds at most " + MAX_VALUE + " octets");
            }
        }

        public static Attribute text(int type, String s) {
            return new Attribute(type, s.getBytes(StandardCharsets.UTF_8));
        }

        public static Attribute integer(int type, long v) {
            return new Attribute(type, new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }

        /** A tagged integer of RFC 2868 section 3.1 (Tunnel-Type, Tunnel-Medium-Type): the tag, then 3 octets. */
        public static Attribute tagged(int type, int tag, int v) {
            return new Attribute(type, new byte[] {(byte) tag, (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }

        public String asText() {
            return new String(value, StandardCharsets.UTF_8);
        }

        public long asInteger() {
            if (value.length != 4) {
                return -1;
            }
            return ((value[0] & 0xffL) << 24) | ((value[1] & 0xff) << 16) | ((value[2] & 0xff) << 8) | (value[3] & 0xff);
        }
    }

    public RadiusPacket {
        if (authenticator.length != AUTHENTICATOR_LENGTH) {
            throw new IllegalArgumentException("a RADIUS authenticator is 16 octets");
        }
        attributes = List.copyOf(attributes);
    }

    /** The first attribute of a type, or null. */
    public Attribute first(int type) {
        for (Attribute a : attributes) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }

    /** The first attribute of a type as text, or null. */
    public String text(int type) {
        Attribute a = first(type);
        return a == null ? null : a.asText();
    }

    /**
     * Reads a datagram.
     *
     * @param data the datagram
     * @param length how many of its octets were received
     */
    public static RadiusPacket parse(byte[] data, int length) throws RadiusFormatException {
        if (length < MIN_LENGTH) {
            throw new RadiusFormatException("shorter than the 20-octet header");
        }
        int declared = ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        if (declared < MIN_LENGTH || declared > MAX_LENGTH) {
            throw new RadiusFormatException("length field " + declared + " outside 20..4096");
        }
        if (declared > length) {
            throw new RadiusFormatException("length field " + declared + " longer than the datagram (" + length + ")");
        }
        // octets past the length field are padding and ignored (RFC 2865 section 3)
        byte[] auth = java.util.Arrays.copyOfRange(data, 4, 20);
        List<Attribute> attrs = new ArrayList<>();
        int i = MIN_LENGTH;
        while (i < declared) {
            if (i + 2 > declared) {
                throw new RadiusFormatException("attribute header cut off at octet " + i);
            }
            int type = data[i] & 0xff;
            int len = data[i + 1] & 0xff;
            if (len < 2 || i + len > declared) {
                throw new RadiusFormatException("attribute " + type + " has length " + len + " at octet " + i);
            }
            attrs.add(new Attribute(type, java.util.Arrays.copyOfRange(data, i + 2, i + len)));
            i += len;
        }
        return new RadiusPacket(data[0] & 0xff, data[1] & 0xff, auth, attrs);
    }

    /** The packet on the wire, with the authenticator as it stands. */
    public byte[] encode() {
        int length = MIN_LENGTH;
        for (Attribute a : attributes) {
            length += 2 + a.value().length;
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("a RADIUS packet holds at most " + MAX_LENGTH + " octets");
        }
        byte[] out = new byte[length];
        out[0] = (byte) code;
        out[1] = (byte) id;
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        System.arraycopy(authenticator, 0, out, 4, AUTHENTICATOR_LENGTH);
        int i = MIN_LENGTH;
        for (Attribute a : attributes) {
            out[i] = (byte) a.type();
            out[i + 1] = (byte) (2 + a.value().length);
            System.arraycopy(a.value(), 0, out, i + 2, a.value().length);
            i += 2 + a.value().length;
        }
        return out;
    }

    /** A copy with another authenticator. */
    public RadiusPacket withAuthenticator(byte[] a) {
        return new RadiusPacket(code, id, a, attributes);
    }

    /** A copy with other attributes. */
    public RadiusPacket withAttributes(List<Attribute> a) {
        return new RadiusPacket(code, id, authenticator, a);
    }

    /** The name of a packet code, for logs and results. */
    public static String codeName(int code) {
        return switch (code) {
            case ACCESS_REQUEST -> "Access-Request";
            case ACCESS_ACCEPT -> "Access-Accept";
            case ACCESS_REJECT -> "Access-Reject";
            case DISCONNECT_REQUEST -> "Disconnect-Request";
            case DISCONNECT_ACK -> "Disconnect-ACK";
            case DISCONNECT_NAK -> "Disconnect-NAK";
            case COA_REQUEST -> "CoA-Request";
            case COA_ACK -> "CoA-ACK";
            case COA_NAK -> "CoA-NAK";
            default -> "code " + code;
        };
    }
}
