package dev.vigil.probe;

import java.io.IOException;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SSH: the server's identification string (RFC 4253 §4.2). No login is attempted: that needs a full
 * SSH client, which Vigil does not carry; the software version feeds CVE matching instead.
 */
final class SshProbe implements ServiceProbe {

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public Banner grab(Socket s, String host, int port) throws IOException {
        String text = Wire.readUntil(s, Pattern.compile("SSH-[^\\r\\n]*\\r?\\n"), 4000);
        Map<String, Object> d = new LinkedHashMap<>();
        for (String line : text.split("\\r?\\n")) {
            if (line.startsWith("SSH-")) {
                String[] f = line.split("-", 3);
                if (f.length == 3) {
                    d.put("protocol", f[1]);
                    d.put("software", f[2].trim());
                }
                return new Banner(Wire.oneLine(line), d, false, "SSH logins are not attempted");
            }
        }
        return new Banner(Wire.oneLine(text), d, false, "no SSH identification");
    }
}
