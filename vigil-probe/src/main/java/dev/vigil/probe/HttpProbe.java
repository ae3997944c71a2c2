package dev.vigil.probe;

import dev.vigil.detect.analysis.Version;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP (GET /) and RTSP (OPTIONS): status, Server, the authentication asked for, the page title.
 * Logins are tried only on HTTP Basic (RFC 7617): a 2xx or 3xx answer to the credentials is success.
 */
final class HttpProbe implements ServiceProbe {

    private static final Pattern HEADERS_END = Pattern.compile("\\r?\\n\\r?\\n");
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

    private final boolean rtsp;

    HttpProbe(boolean rtsp) {
        this.rtsp = rtsp;
    }

    @Override
    public String name() {
        return rtsp ? "rtsp" : "http";
    }

    private String request(String host, int port, String authorization) {
        String ua = "User-Agent: vigil-probe/" + Version.VALUE + "\r\n";
        String auth = authorization == null ? "" : "Authorization: " + authorization + "\r\n";
        return rtsp ? "OPTIONS rtsp://" + host + ":" + port + "/ RTSP/1.0\r\nCSeq: 1\r\n" + ua + auth + "\r\n"
                : "GET / HTTP/1.1\r\nHost: " + host + (port == 80 ? "" : ":" + port) + "\r\n" + ua + auth
                        + "Accept: */*\r\nConnection: close\r\n\r\n";
    }

    private Map<String, Object> exchange(Socket s, String host, int port, String authorization) throws IOException {
        Wire.write(s, request(host, port, authorization));
        String text = Wire.readUntil(s, rtsp ? HEADERS_END : null, 4000);
        Map<String, Object> d = new LinkedHashMap<>();
        String[] lines = text.split("\\r?\\n", -1);
        String status = lines.length > 0 ? lines[0] : "";
        String[] sf = status.split(" ", 3);
        if (sf.length >= 2 && (sf[0].startsWith("HTTP/") || sf[0].startsWith("RTSP/"))) {
            try {
                d.put("status", Integer.parseInt(sf[1]));
            } catch (NumberFormatException e) {
                // not a status line
            }
        }
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) {
                String name = lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(c + 1).trim();
                switch (name) {
                    case "server" -> d.put("server", value);
                    case "www-authenticate" -> d.put("auth", value);
                    case "public" -> d.put("methods", value);
                    default -> {
                    }
                }
            }
        }
        Matcher t = TITLE.matcher(text);
        if (t.find()) {
            d.put("title", Wire.oneLine(t.group(1)));
        }
        d.put("_status_line", status);
        return d;
    }

    @Override
    public Banner grab(Socket s, String host, int port) throws IOException {
        Map<String, Object> d = exchange(s, host, port, null);
        String statusLine = (String) d.remove("_status_line");
        String auth = (String) d.getOrDefault("auth", "");
        boolean basic = !rtsp && Integer.valueOf(401).equals(d.get("status"))
                && auth.toLowerCase(Locale.ROOT).startsWith("basic");
        String note = rtsp ? "RTSP logins are not attempted"
                : basic ? null : auth.isEmpty() ? "no HTTP Basic authentication asked for" : "authentication other than Basic";
        StringBuilder text = new StringBuilder(Wire.oneLine(statusLine));
        if (d.containsKey("server")) {
            text.append(" | Server: ").append(d.get("server"));
        }
        if (d.containsKey("title")) {
            text.append(" | ").append(d.get("title"));
        }
        return new Banner(text.toString(), d, basic, note);
    }

    @Override
    public Outcome login(Socket s, String host, int port, String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Object status = exchange(s, host, port, "Basic " + token).get("status");
        if (!(status instanceof Integer code)) {
            return Outcome.UNKNOWN;
        }
        return code >= 200 && code < 400 ? Outcome.SUCCESS : code == 401 || code == 403 ? Outcome.FAILURE : Outcome.UNKNOWN;
    }
}
