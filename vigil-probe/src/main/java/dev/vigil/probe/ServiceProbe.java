package dev.vigil.probe;

import java.io.IOException;
import java.net.Socket;
import java.util.Map;

/** One protocol the probe speaks: a banner grab, and where the protocol allows it a login attempt. */
interface ServiceProbe {

    /** What the service said about itself. */
    record Banner(String text, Map<String, Object> details, boolean loginPossible, String loginNote) {
    }

    enum Outcome {
        SUCCESS, FAILURE, UNKNOWN
    }

    String name();

    Banner grab(Socket s, String host, int port) throws IOException;

    /** One login attempt on a fresh connection (not called when the banner said it is impossible). */
    default Outcome login(Socket s, String host, int port, String user, String password) throws IOException {
        return Outcome.UNKNOWN;
    }

    static ServiceProbe of(String name) {
        return switch (name) {
            case "telnet" -> new TelnetProbe();
            case "ssh" -> new SshProbe();
            case "http" -> new HttpProbe(false);
            case "rtsp" -> new HttpProbe(true);
            case "mqtt" -> new MqttProbe();
            case "ftp" -> new FtpProbe();
            default -> throw new IllegalArgumentException("unknown service '" + name
                    + "' (telnet, ssh, http, rtsp, mqtt, ftp)");
        };
    }
}
