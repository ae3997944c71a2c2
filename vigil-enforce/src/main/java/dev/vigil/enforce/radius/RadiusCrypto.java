package dev.vigil.enforce.radius;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authenticators RADIUS proves packets with, all keyed by the shared secret: the Response
 * Authenticator (RFC 2865 section 3), the Request Authenticator of CoA and Disconnect requests
 * (RFC 5176 section 2.3, as Accounting-Request's of RFC 2866 section 3), Message-Authenticator
 * (HMAC-MD5, RFC 3579 section 3.2) and the hidden User-Password (RFC 2865 section 5.2). MD5 is what
 * the protocol defines; Message-Authenticator on every Access-Request and reply is what makes a
 * forged reply impossible (CVE-2024-3596, "BlastRADIUS").
 */
public final class RadiusCrypto {

    private static final byte[] ZEROS = new byte[RadiusPacket.AUTHENTICATOR_LENGTH];

    private RadiusCrypto() {
    }

    /**
     * A reply to a request, signed: Message-Authenticator first (computed with the request's
     * authenticator in the header), then the Response Authenticator over the whole.
     */
    public static byte[] signReply(int code, int id, List<RadiusPacket.Attribute> attributes, byte[] requestAuthenticator,
            byte[] secret) {
        return sign(code, id, attributes, requestAuthenticator, secret);
    }

    /**
     * A CoA or Disconnect request, signed: Message-Authenticator computed with a zero authenticator,
     * then the Request Authenticator over the packet with zeros in its place.
     */
    public static byte[] signRequest(int code, int id, List<RadiusPacket.Attribute> attributes, byte[] secret) {
        return sign(code, id, attributes, ZEROS, secret);
    }

    /** Message-Authenticator first, over the packet with {@code inHeader}; then the MD5 authenticator over the whole. */
    private static byte[] sign(int code, int id, List<RadiusPacket.Attribute> attributes, byte[] inHeader, byte[] secret) {
        List<RadiusPacket.Attribute> attrs = new ArrayList<>();
        attrs.add(new RadiusPacket.Attribute(RadiusPacket.MESSAGE_AUTHENTICATOR, ZEROS.clone()));
        attrs.addAll(attributes);
        byte[] wire = new RadiusPacket(code, id, inHeader, attrs).encode();
        System.arraycopy(hmac(wire, secret), 0, wire, RadiusPacket.MIN_LENGTH + 2, RadiusPacket.AUTHENTICATOR_LENGTH);
        System.arraycopy(md5(wire, secret), 0, wire, 4, RadiusPacket.AUTHENTICATOR_LENGTH);
        return wire;
    }

    /**
     * Whether a reply is the NAS's answer to our request: its Response Authenticator, and its
     * Message-Authenticator when it carries one.
     */
    public static boolean verifyReply(byte[] wire, int length, byte[] requestAuthenticator, byte[] secret) {
        return verifyWith(wire, length, requestAuthenticator, secret);
    }

    /** Whether an Access-Request carries a Message-Authenticator that proves it. */
    public static boolean verifyAccessRequest(byte[] wire, int length, byte[] secret) {
        byte[] copy = java.util.Arrays.copyOf(wire, length);
        int ma = messageAuthenticatorOffset(copy);
        return ma >= 0 && checkHmac(copy, ma, secret);
    }

    /** Whether a CoA or Disconnect request carries the Request Authenticator its secret gives. */
    public static boolean verifyCoaRequest(byte[] wire, int length, byte[] secret) {
        return verifyWith(wire, length, ZEROS, secret);
    }

    /**
     * Whether the authenticator in the header is the MD5 of the packet with {@code inHeader} in its
     * place, and the Message-Authenticator, when present, the HMAC of the same.
     */
    private static boolean verifyWith(byte[] wire, int length, byte[] inHeader, byte[] secret) {
        byte[] copy = java.util.Arrays.copyOf(wire, length);
        byte[] got = java.util.Arrays.copyOfRange(copy, 4, 20);
        System.arraycopy(inHeader, 0, copy, 4, RadiusPacket.AUTHENTICATOR_LENGTH);
        if (!MessageDigest.isEqual(got, md5(copy, secret))) {
            return false;
        }
        int ma = messageAuthenticatorOffset(copy);
        return ma < 0 || checkHmac(copy, ma, secret);
    }

    /** The User-Password of an Access-Request, unhidden (trailing NUL padding removed). */
    public static String userPassword(byte[] hidden, byte[] requestAuthenticator, byte[] secret) {
        if (hidden.length == 0 || hidden.length % 16 != 0 || hidden.length > 128) {
            return null;
        }
        byte[] plain = new byte[hidden.length];
        byte[] prev = requestAuthenticator;
        for (int i = 0; i < hidden.length; i += 16) {
            byte[] b = md5(secret, prev);
            for (int j = 0; j < 16; j++) {
                plain[i + j] = (byte) (hidden[i + j] ^ b[j]);
            }
            prev = java.util.Arrays.copyOfRange(hidden, i, i + 16);
        }
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) {
            end--;
        }
        return new String(plain, 0, end, StandardCharsets.UTF_8);
    }

    /** The User-Password hidden the way a NAS sends it (what tests and a NAS-side tool need). */
    public static byte[] hidePassword(String password, byte[] requestAuthenticator, byte[] secret) {
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[Math.max(16, (p.length + 15) / 16 * 16)];
        System.arraycopy(p, 0, padded, 0, p.length);
        byte[] out = new byte[padded.length];
        byte[] prev = requestAuthenticator;
        for (int i = 0; i < padded.length; i += 16) {
            byte[] b = md5(secret, prev);
            for (int j = 0; j < 16; j++) {
                out[i + j] = (byte) (padded[i + j] ^ b[j]);
            }
            prev = java.util.Arrays.copyOfRange(out, i, i + 16);
        }
        return out;
    }

    private static boolean checkHmac(byte[] copy, int offset, byte[] secret) {
        byte[] got = java.util.Arrays.copyOfRange(copy, offset, offset + RadiusPacket.AUTHENTICATOR_LENGTH);
        System.arraycopy(ZEROS, 0, copy, offset, RadiusPacket.AUTHENTICATOR_LENGTH);
        return MessageDigest.isEqual(got, hmac(copy, secret));
    }

    /** Where the value of the Message-Authenticator starts, or -1 (also when it is not 16 octets). */
    private static int messageAuthenticatorOffset(byte[] wire) {
        int length = Math.min(wire.length, ((wire[2] & 0xff) << 8) | (wire[3] & 0xff));
        int i = RadiusPacket.MIN_LENGTH;
        while (i + 2 <= length) {
            int len = wire[i + 1] & 0xff;
            if (len < 2) {
                return -1;
            }
            if ((wire[i] & 0xff) == RadiusPacket.MESSAGE_AUTHENTICATOR) {
                return len == 18 ? i + 2 : -1;
            }
            i += len;
        }
        return -1;
    }

    private static byte[] md5(byte[] a, byte[] b) {
        try {
            MessageDigest d = MessageDigest.getInstance("MD5");
            d.update(a);
            d.update(b);
            return d.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private static byte[] hmac(byte[] data, byte[] secret) {
        try {
            Mac m = Mac.getInstance("HmacMD5");
            m.init(new SecretKeySpec(secret, "HmacMD5"));
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacMD5", e);
        }
    }
}
