package dev.vigil.probe;

import dev.vigil.engine.net.Ip;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The only way the probe opens connections. It checks the address against the scope again (the
 * planner already did: this is the guard that holds even if the planner is wrong), waits for the
 * rate limiter, and connects with a timeout. Only IP literals are accepted: nothing is resolved.
 */
public final class Connector {

    /** A refused connection: the address is outside the scope or passive-only. */
    public static final class RefusedException extends IOException {
        public RefusedException(String message) {
            super(message);
        }
    }

    private final ProbeScope scope;
    private final RateLimiter rate;
    private final int timeoutMillis;
    private final AtomicLong opened = new AtomicLong();

    public Connector(ProbeScope scope, RateLimiter rate, int timeoutMillis) {
        this.scope = scope;
        this.rate = rate;
        this.timeoutMillis = timeoutMillis;
    }

    public Socket open(Ip ip, int port) throws IOException, InterruptedException {
        ProbeScope.Verdict v = scope.check(ip);
        if (v != ProbeScope.Verdict.ALLOWED) {
            throw new RefusedException(ip + " is " + (v == ProbeScope.Verdict.PASSIVE_ONLY ? "passive-only" : "outside the scope"));
        }
        rate.acquire();
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(InetAddress.getByAddress(ip.isV4() ? v4(ip) : ip.toBytes()), port),
                    timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        opened.incrementAndGet();
        return s;
    }

    private static byte[] v4(Ip ip) {
        int a = ip.v4();
        return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    /** Connections opened so far. */
    public long opened() {
        return opened.get();
    }
}
