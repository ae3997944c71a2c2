package dev.vigil.enforce.radius;

import dev.vigil.enforce.EnforcementException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends Change-of-Authorization and Disconnect requests to a NAS (RFC 5176) and reads the answer.
 * A CoA carries the session's identification and the new VLAN; when the NAS refuses it (CoA-NAK)
 * or does not answer, a Disconnect-Request follows, so the device authenticates again and gets the
 * new VLAN from Vigil's RADIUS server. Retransmissions keep the identifier and authenticator
 * (RFC 5080 section 2.2.1). Nothing is sent to a NAS outside the {@link NasScope}.
 */
public final class CoaClient {

    /** RFC 5176 section 3.1: the CoA and Disconnect port. */
    public static final int COA_PORT = 3799;

    /** Each request is sent at most this many times, waiting this long for each answer. */
    public static final int TRIES = 3;
    public static final int TIMEOUT_MILLIS = 1_000;

    /** RFC 5176 section 3.6: Error-Cause values a NAK may carry that are worth naming. */
    static String errorCause(long v) {
        return switch ((int) v) {
            case 201 -> "residual session context removed";
            case 401 -> "unsupported attribute";
            case 402 -> "missing attribute";
            case 403 -> "NAS identification mismatch";
            case 404 -> "invalid request";
            case 405 -> "unsupported service";
            case 406 -> "unsupported extension";
            case 407 -> "invalid attribute value";
            case 501 -> "administratively prohibited";
            case 502 -> "request not routable";
            case 503 -> "session context not found";
            case 504 -> "session context not removable";
            case 505 -> "other proxy processing error";
            case 506 -> "resources unavailable";
            case 507 -> "request initiated";
            case 508 -> "multiple session selection unsupported";
            default -> "error cause " + v;
        };
    }

    /**
     * What one request got.
     *
     * @param sent "CoA-Request" or "Disconnect-Request"
     * @param nas where it went
     * @param answer "CoA-ACK", "CoA-NAK", "Disconnect-ACK", "Disconnect-NAK", "no answer", or "refused" (out of scope)
     * @param errorCause the NAK's Error-Cause in words, or null
     * @param tries how many times it was sent
     */
    public record Result(String sent, InetSocketAddress nas, String answer, String errorCause, int tries) {

        public boolean acknowledged() {
            return answer.endsWith("-ACK");
        }
    }

    private final NasScope scope;
    private final int timeoutMillis;
    private final SecureRandom random = new SecureRandom();

    public CoaClient(NasScope scope) {
        this(scope, TIMEOUT_MILLIS);
    }

    public CoaClient(NasScope scope, int timeoutMillis) {
        this.scope = scope;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Moves a session to another VLAN: a CoA, then a Disconnect when the CoA is refused or unanswered.
     *
     * @param coaPort the NAS's CoA port ({@link #COA_PORT} unless configured otherwise)
     * @return what each request got, in order
     */
    public List<Result> move(Session s, int vlan, byte[] secret, int coaPort) throws EnforcementException {
        InetSocketAddress nas = new InetSocketAddress(s.nas().getAddress(), coaPort);
        scope.check(nas.getAddress());
        List<RadiusPacket.Attribute> coa = new ArrayList<>(identification(s));
        coa.addAll(RadiusServer.vlanAttributes(vlan));
        List<Result> out = new ArrayList<>();
        Result r = send(RadiusPacket.COA_REQUEST, nas, coa, secret);
        out.add(r);
        if (!r.acknowledged()) {
            out.add(send(RadiusPacket.DISCONNECT_REQUEST, nas, identification(s), secret));
        }
        return out;
    }

    /** Ends a session: the device must authenticate again. */
    public Result disconnect(Session s, byte[] secret, int coaPort) throws EnforcementException {
        InetSocketAddress nas = new InetSocketAddress(s.nas().getAddress(), coaPort);
        scope.check(nas.getAddress());
        return send(RadiusPacket.DISCONNECT_REQUEST, nas, identification(s), secret);
    }

    /** The NAS and the session, as RFC 5176 section 3 names them. */
    static List<RadiusPacket.Attribute> identification(Session s) {
        List<RadiusPacket.Attribute> a = new ArrayList<>();
        if (s.nasIp() != null) {
            a.add(new RadiusPacket.Attribute(RadiusPacket.NAS_IP_ADDRESS, s.nasIp()));
        }
        if (s.nasIdentifier() != null) {
            a.add(RadiusPacket.Attribute.text(RadiusPacket.NAS_IDENTIFIER, s.nasIdentifier()));
        }
        if (s.userName() != null) {
            a.add(RadiusPacket.Attribute.text(RadiusPacket.USER_NAME, s.userName()));
        }
        a.add(RadiusPacket.Attribute.text(RadiusPacket.CALLING_STATION_ID,
                s.callingStation() != null ? s.callingStation() : Macs.callingStation(s.mac())));
        if (s.nasPort() >= 0) {
            a.add(RadiusPacket.Attribute.integer(RadiusPacket.NAS_PORT, s.nasPort()));
        }
        // RFC 5176 section 3: Event-Timestamp lets the NAS refuse a replayed request
        a.add(RadiusPacket.Attribute.integer(RadiusPacket.EVENT_TIMESTAMP, System.currentTimeMillis() / 1000));
        return a;
    }

    private Result send(int code, InetSocketAddress nas, List<RadiusPacket.Attribute> attrs, byte[] secret) {
        int id = random.nextInt(256);
        byte[] wire = RadiusCrypto.signRequest(code, id, attrs, secret);
        byte[] auth = java.util.Arrays.copyOfRange(wire, 4, 20);
        String sent = RadiusPacket.codeName(code);
        try (DatagramSocket sock = new DatagramSocket()) {
            sock.setSoTimeout(timeoutMillis);
            sock.connect(nas);
            byte[] buf = new byte[RadiusPacket.MAX_LENGTH];
            for (int t = 1; t <= TRIES; t++) {
                sock.send(new DatagramPacket(wire, wire.length));
                long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
                while (System.nanoTime() < deadline) {
                    DatagramPacket d = new DatagramPacket(buf, buf.length);
                    try {
                        sock.receive(d);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    Result r = answer(buf, d.getLength(), id, code, auth, secret, sent, nas, t);
                    if (r != null) {
                        return r;
                    }
                }
            }
            return new Result(sent, nas, "no answer", null, TRIES);
        } catch (IOException e) {
            return new Result(sent, nas, "no answer", e.getMessage(), 0);
        }
    }

    /** The result a datagram gives, or null when it is not the answer (wrong id, forged, malformed). */
    private static Result answer(byte[] buf, int len, int id, int code, byte[] auth, byte[] secret, String sent,
            InetSocketAddress nas, int tries) {
        RadiusPacket p;
        try {
            p = RadiusPacket.parse(buf, len);
        } catch (RadiusFormatException e) {
            return null;
        }
        boolean expected = code == RadiusPacket.COA_REQUEST
                ? p.code() == RadiusPacket.COA_ACK || p.code() == RadiusPacket.COA_NAK
                : p.code() == RadiusPacket.DISCONNECT_ACK || p.code() == RadiusPacket.DISCONNECT_NAK;
        if (p.id() != id || !expected || !RadiusCrypto.verifyReply(buf, len, auth, secret)) {
            return null;
        }
        RadiusPacket.Attribute cause = p.first(RadiusPacket.ERROR_CAUSE);
        return new Result(sent, nas, RadiusPacket.codeName(p.code()), cause == null ? null : errorCause(cause.asInteger()), tries);
    }
}
