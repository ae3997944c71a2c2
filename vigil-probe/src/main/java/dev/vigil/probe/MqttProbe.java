package dev.vigil.probe;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MQTT 3.1.1 (OASIS, §3.1 CONNECT, §3.2 CONNACK): a CONNECT without credentials tells whether the
 * broker accepts anonymous clients; with credentials, return code 0 is success and 4 or 5 failure.
 * The session is closed with DISCONNECT; nothing is published or subscribed.
 */
final class MqttProbe implements ServiceProbe {

    static final String CLIENT_ID = "vigil-probe";

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public Banner grab(Socket s, String host, int port) throws IOException {
        int rc = connect(s, null, null);
        Map<String, Object> d = new LinkedHashMap<>();
        if (rc < 0) {
            return new Banner("no CONNACK", d, false, "not an MQTT broker");
        }
        d.put("connack", rc);
        d.put("anonymous_accepted", rc == 0);
        boolean needsCredentials = rc == 4 || rc == 5;
        return new Banner(rc == 0 ? "MQTT broker, anonymous clients accepted"
                : needsCredentials ? "MQTT broker, credentials required" : "MQTT broker, CONNACK " + rc, d,
                needsCredentials, rc == 0 ? "anonymous access accepted; no password to guess" : null);
    }

    @Override
    public Outcome login(Socket s, String host, int port, String user, String password) throws IOException {
        int rc = connect(s, user, password);
        return rc == 0 ? Outcome.SUCCESS : rc == 4 || rc == 5 ? Outcome.FAILURE : Outcome.UNKNOWN;
    }

    /** Sends CONNECT, returns the CONNACK return code or -1. */
    static int connect(Socket s, String user, String password) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        str(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        int flags = 0x02; // clean session
        if (user != null) {
            flags |= 0x80;
            if (password != null) {
                flags |= 0x40;
            }
        }
        body.write(flags);
        body.write(0);
        body.write(30); // keep alive
        str(body, CLIENT_ID);
        if (user != null) {
            str(body, user);
            if (password != null) {
                str(body, password);
            }
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int len = body.size();
        do {
            int b = len % 128;
            len /= 128;
            packet.write(len > 0 ? b | 0x80 : b);
        } while (len > 0);
        packet.writeBytes(body.toByteArray());
        s.getOutputStream().write(packet.toByteArray());
        s.getOutputStream().flush();
        try {
            DataInputStream in = new DataInputStream(s.getInputStream());
            int type = in.read();
            if (type != 0x20) {
                return -1;
            }
            int rl = in.read();
            if (rl != 2) {
                return -1;
            }
            in.read();
            int rc = in.read();
            if (rc == 0) {
                s.getOutputStream().write(new byte[] {(byte) 0xe0, 0});
                s.getOutputStream().flush();
            }
            return rc;
        } catch (SocketTimeoutException e) {
            return -1;
        }
    }

    private static void str(ByteArrayOutputStream o, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.write(b.length >>> 8);
        o.write(b.length & 0xff);
        o.writeBytes(b);
    }
}
