package dev.vigil.server.outputs;

import dev.vigil.store.alerts.AlertRow;
import dev.vigil.server.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** POSTs each alert as one JSON object; any 2xx answer is a delivery. */
public final class Webhook implements Outputs.Output {

    private final URI uri;
    /** HMAC-SHA-256 key for the X-Vigil-Signature header (VIGIL_WEBHOOK_SECRET), or null. */
    private final byte[] secret;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Webhook(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook '" + url + "' is not a URL");
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("webhook '" + url + "' must be an http:// or https:// URL");
        }
        this.uri = u;
        String sec = System.getenv("VIGIL_WEBHOOK_SECRET");
        this.secret = sec == null || sec.isBlank() ? null : sec.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** "sha256=" and the hex HMAC-SHA-256 of the body: what a receiver recomputes to trust the message. */
    static String signature(byte[] key, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return "webhook:" + uri;
    }

    /** The JSON document a receiver gets. */
    static Map<String, Object> document(AlertRow a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", "vigil");
        m.put("kind", "alert");
        m.put("id", a.id());
        m.put("status", a.status());
        m.put("type", a.type());
        m.put("severity", a.severity());
        m.put("title", a.title());
        m.put("device", a.deviceId());
        m.put("first_evidence", a.firstEvidence());
        m.put("detected_at", a.detectedAt());
        m.put("created", java.time.Instant.ofEpochMilli(a.created()).toString());
        return m;
    }

    /** The JSON document of a tier change. */
    static Map<String, Object> document(dev.vigil.detect.trust.TrustScorer.TierChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", "vigil");
        m.put("kind", "tier_change");
        m.put("device", c.device());
        m.put("from", c.from());
        m.put("to", c.to());
        m.put("score", c.score());
        m.put("at", c.time());
        m.put("causes", c.causes());
        return m;
    }

    /** The JSON document of a notice. */
    static Map<String, Object> document(Notice n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", "vigil");
        m.put("kind", n.kind());
        m.put("severity", n.severity());
        m.put("text", n.text());
        m.putAll(n.fields());
        m.put("at", java.time.Instant.now().toString());
        return m;
    }

    @Override
    public void send(Notice n) throws IOException, InterruptedException {
        post(document(n));
    }

    @Override
    public void send(AlertRow a) throws IOException, InterruptedException {
        post(document(a));
    }

    @Override
    public void send(dev.vigil.detect.trust.TrustScorer.TierChange c) throws IOException, InterruptedException {
        post(document(c));
    }

    private void post(Map<String, Object> doc) throws IOException, InterruptedException {
        String body = Json.write(doc);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("User-Agent", "vigil").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            b.header("X-Vigil-Signature", signature(secret, body));
        }
        HttpRequest r = b.build();
        HttpResponse<Void> resp = client.send(r, HttpResponse.BodyHandlers.discarding());
        if (resp.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + resp.statusCode());
        }
    }
}
