import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load test of a running `vigil serve` (JDK only; run with `java ServeLoad.java`):
 *   ServeLoad URL ONE_TIME_PASSWORD ingest [SECONDS N]   waits for the sources to finish, prints packets/s and
 *                                                         flows/s; then, given SECONDS and N, runs N clients for
 *                                                         SECONDS over the read routes and prints latency percentiles
 * Both sign in as the first admin (new password, TOTP enrolment) and then use an API token. With
 * SERVE_TOKEN_FILE set, the token is read from that file when it exists (a store signed in to before:
 * its one-time password is spent) and written there after signing in otherwise.
 */
public class ServeLoad {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static String cookie;
    static String csrf;

    public static void main(String[] a) throws Exception {
        base = a[0].endsWith("/") ? a[0].substring(0, a[0].length() - 1) : a[0];
        String file = System.getenv("SERVE_TOKEN_FILE");
        java.nio.file.Path saved = file == null ? null : java.nio.file.Path.of(file);
        String token;
        if (saved != null && java.nio.file.Files.exists(saved)) {
            token = java.nio.file.Files.readString(saved).strip();
        } else {
            token = signIn(a[1]);
            if (saved != null) {
                java.nio.file.Files.writeString(saved, token);
            }
        }
        ingest(token);
        if (a.length > 4) {
            api(token, Integer.parseInt(a[3]), Integer.parseInt(a[4]));
        }
    }

    static HttpResponse<String> call(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        } else if (cookie != null) {
            b.header("Cookie", cookie).header("X-CSRF-Token", csrf);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
        return r;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static String totp(String secret, long step) throws Exception {
        String alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] key = new byte[secret.length() * 5 / 8];
        long buf = 0;
        int bits = 0;
        int n = 0;
        for (char c : secret.toCharArray()) {
            buf = (buf << 5) | alpha.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                key[n++] = (byte) (buf >> (bits - 8));
                bits -= 8;
            }
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(Arrays.copyOf(key, n), "HmacSHA1"));
        byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
        int o = h[h.length - 1] & 15;
        int v = ((h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff)) % 1_000_000;
        return String.format("%06d", v);
    }

    static String signIn(String oneTime) throws Exception {
        HttpResponse<String> r = call("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + oneTime + "\"}", null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login: " + r.body());
        }
        csrf = field(r.body(), "csrf");
        String pw = "load test passphrase " + System.nanoTime();
        call("POST", "/api/me/password", "{\"current\":\"" + oneTime + "\",\"next\":\"" + pw + "\"}", null);
        String secret = field(call("POST", "/api/me/totp", null, null).body(), "secret");
        // a code made at the end of its 30 s step can arrive in the next one: try again with the next code
        for (int i = 0; i < 3; i++) {
            String code = totp(secret, System.currentTimeMillis() / 30_000);
            if (call("POST", "/api/me/totp/confirm", "{\"code\":\"" + code + "\"}", null).statusCode() == 200) {
                break;
            }
            Thread.sleep(1000);
        }
        // the sign-in completed: the session was replaced, with a CSRF token of its own
        csrf = field(call("GET", "/api/me", null, null).body(), "csrf");
        r = call("POST", "/api/tokens", "{\"name\":\"load\",\"role\":\"viewer\"}", null);
        String token = field(r.body(), "token");
        if (token == null) {
            throw new IllegalStateException("no API token: " + r.statusCode() + " " + r.body());
        }
        return token;
    }

    /**
     * Waits until every source has stopped reading (files: done; a collector: nothing new for 3 s)
     * and everything read is committed, then prints what went into the store per second.
     */
    static void ingest(String token) throws Exception {
        Pattern src = Pattern.compile("\\{\"name\":\"([^\"]+)\",\"kind\":\"([a-z]+)\",\"state\":\"([A-Z]+)\".*?\"packets\":(\\d+),"
                + "\"flows\":(\\d+).*?\"dropped\":(\\d+).*?\"windows\":(\\d+),\"queued\":(\\d+).*?\"started_at\":(\\d+|null),"
                + "\"ended_at\":(\\d+|null),\"committed_packets\":(\\d+),\"committed_flows\":(\\d+)");
        Map<String, Long> lastCommitted = new java.util.HashMap<>();
        Map<String, Long> lastChange = new java.util.HashMap<>();
        Map<String, Integer> quiet = new java.util.HashMap<>();
        while (true) {
            String s = call("GET", "/api/ingest", null, token).body();
            Matcher m = src.matcher(s);
            boolean all = true;
            List<String> lines = new ArrayList<>();
            while (m.find()) {
                String name = m.group(1);
                long read = Long.parseLong(m.group(4)) + Long.parseLong(m.group(5));
                long committed = Long.parseLong(m.group(11)) + Long.parseLong(m.group(12));
                long now = System.currentTimeMillis();
                if (!Long.valueOf(committed).equals(lastCommitted.get(name))) {
                    lastChange.put(name, now);
                    quiet.put(name, 0);
                } else {
                    quiet.merge(name, 1, Integer::sum);
                }
                lastCommitted.put(name, committed);
                boolean done = m.group(3).equals("DONE") || m.group(3).equals("FAILED")
                        || (m.group(2).equals("netflow") || m.group(2).equals("zeek") || m.group(2).equals("live"))
                                && committed == read && read > 0 && quiet.get(name) >= 6;
                all &= done && !m.group(9).equals("null");
                if (done && !m.group(9).equals("null")) {
                    long end = m.group(10).equals("null") ? lastChange.get(name) : Long.parseLong(m.group(10));
                    double secs = (end - Long.parseLong(m.group(9))) / 1000.0;
                    lines.add(String.format("%s\tpackets=%s\tflows=%s\tdropped=%s\twindows=%s\tseconds=%.2f"
                            + "\tpackets_per_s=%.0f\tflows_per_s=%.0f", name, m.group(11), m.group(12), m.group(6), m.group(7), secs,
                            Long.parseLong(m.group(11)) / secs, Long.parseLong(m.group(12)) / secs));
                }
            }
            if (all && !lines.isEmpty()) {
                lines.forEach(System.out::println);
                return;
            }
            Thread.sleep(500);
        }
    }

    static void api(String token, int seconds, int clients) throws Exception {
        String devices = call("GET", "/api/devices?limit=20", null, token).body();
        Matcher m = Pattern.compile("\"id\":\"(mac:[^\"]+|ip:[^\"]+)\"").matcher(devices);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        List<String> routes = new ArrayList<>(List.of("/api/devices?limit=50", "/api/devices?q=camera", "/api/alerts?status=active",
                "/api/findings?limit=50", "/api/metrics", "/api/risk", "/api/graph?limit=300"));
        for (String id : ids.subList(0, Math.min(5, ids.size()))) {
            routes.add("/api/devices/" + id);
        }
        Map<String, List<Long>> lat = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> ts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            ts.add(Thread.ofVirtual().start(() -> {
                List<long[]> mine = new ArrayList<>();
                int i = seed;
                while (System.nanoTime() < end) {
                    String r = routes.get(i++ % routes.size());
                    long t0 = System.nanoTime();
                    try {
                        if (call("GET", r, null, token).statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    lat.computeIfAbsent(r.replaceAll("/api/devices/[^?]+", "/api/devices/{id}"),
                            k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - t0);
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        long total = lat.values().stream().mapToLong(List::size).sum();
        System.out.printf("clients=%d\tseconds=%d\trequests=%d\trequests_per_s=%.0f\terrors=%d%n", clients, seconds, total,
                total / (double) seconds, errors.get());
        System.out.println("route\trequests\tp50_ms\tp95_ms\tp99_ms\tmax_ms");
        List<Long> all = new ArrayList<>();
        for (Map.Entry<String, List<Long>> e : new TreeMap<>(lat).entrySet()) {
            List<Long> l = new ArrayList<>(e.getValue());
            all.addAll(l);
            print(e.getKey(), l);
        }
        print("all", all);
    }

    static void print(String name, List<Long> l) {
        l.sort(null);
        System.out.printf("%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f%n", name, l.size(), pct(l, 50), pct(l, 95), pct(l, 99),
                l.get(l.size() - 1) / 1e6);
    }

    static double pct(List<Long> l, int p) {
        return l.get(Math.min(l.size() - 1, (int) Math.ceil(p / 100.0 * l.size()) - 1)) / 1e6;
    }
}
