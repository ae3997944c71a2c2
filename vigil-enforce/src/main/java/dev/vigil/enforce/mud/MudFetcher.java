package dev.vigil.enforce.mud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.detect.segmentation.mud.MudFile;
import dev.vigil.detect.segmentation.mud.MudFormatException;
import dev.vigil.detect.segmentation.mud.MudReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;

/**
 * Fetches a manufacturer's MUD file and its signature over HTTPS, verifies the signature, and keeps
 * what verified in a cache directory for the file's {@code cache-validity} (RFC 8520: "MUD managers
 * SHOULD NOT check for updates between this time plus cache validity"). Past it a fresh copy is
 * fetched; when none can be, the result is {@link MudCheck.Status#EXPIRED_CACHE}, not the stale file.
 * Signature checking cannot be turned off; only {@link #testMode} lets an unverified file through,
 * marked as such, and only when VIGIL_MUD_TEST_MODE=unverified is set in the environment.
 */
public final class MudFetcher {

    /** A MUD file or signature larger than this is refused. */
    public static final int MAX_BYTES = 1 << 20;
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The environment variable (and value) that allows {@link #testMode}. */
    public static final String TEST_MODE_ENV = "VIGIL_MUD_TEST_MODE";

    private static final long HOUR = 3_600_000_000_000L;

    private final MudSignatures signatures;
    private final Path cache;
    private final HttpClient http;
    private final LongSupplier clock;
    private final boolean testMode;

    /**
     * @param signatures the trust anchors signatures are checked against
     * @param cache the cache directory
     * @param tls what HTTPS servers are trusted (the system's by default)
     * @param clock wall-clock nanoseconds since the epoch
     */
    public MudFetcher(MudSignatures signatures, Path cache, SSLContext tls, LongSupplier clock) {
        this(signatures, cache, tls, clock, false);
    }

    private MudFetcher(MudSignatures signatures, Path cache, SSLContext tls, LongSupplier clock, boolean testMode) {
        this.signatures = signatures;
        this.cache = cache;
        this.clock = clock;
        this.testMode = testMode;
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * The documented test mode: files that do not verify come back as
     * {@link MudCheck.Status#UNVERIFIED_TEST_MODE}. Refused unless the environment says
     * {@value #TEST_MODE_ENV}=unverified.
     */
    public static MudFetcher testMode(MudSignatures signatures, Path cache, SSLContext tls, LongSupplier clock) {
        if (!"unverified".equals(System.getenv(TEST_MODE_ENV))) {
            throw new IllegalStateException("MUD signature checking cannot be turned off: the test mode needs "
                    + TEST_MODE_ENV + "=unverified in the environment");
        }
        return new MudFetcher(signatures, cache, tls, clock, true);
    }

    public MudCheck check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return fail(url, MudCheck.Status.MALFORMED, "not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return fail(url, MudCheck.Status.MALFORMED, "a MUD URL must use https (RFC 8520), not " + uri.getScheme());
        }
        long now = clock.getAsLong();
        Cached c = cached(url);
        if (c != null && now < c.fetchedAt + c.validityHours * HOUR) {
            MudCheck r = judge(url, c.file, c.signature, now, true, c.fetchedAt);
            if (r.status().usable()) {
                return r;
            }
        }
        byte[] file;
        byte[] sig = null;
        try {
            file = get(uri, "application/mud+json");
        } catch (IOException e) {
            return c != null ? fail(url, MudCheck.Status.EXPIRED_CACHE, "the cached copy expired at "
                    + java.time.Instant.ofEpochSecond(0, c.fetchedAt + c.validityHours * HOUR) + " and no fresh copy could be fetched: "
                    + e.getMessage()) : fail(url, MudCheck.Status.FETCH_FAILED, "cannot fetch: " + e.getMessage());
        }
        String sigUrl = signatureUrl(file);
        if (sigUrl != null) {
            try {
                sig = get(uri.resolve(sigUrl), "application/pkcs7-signature");
            } catch (IOException | IllegalArgumentException e) {
                return fail(url, MudCheck.Status.FETCH_FAILED, "cannot fetch the signature " + sigUrl + ": " + e.getMessage());
            }
        }
        MudCheck r = judge(url, file, sig, now, false, now);
        if (r.status() == MudCheck.Status.VERIFIED) {
            store(url, file, sig, now, r.file().cacheValidity());
        }
        return r;
    }

    private MudCheck judge(String url, byte[] file, byte[] sig, long now, boolean fromCache, long fetchedAt) {
        MudFile m;
        try {
            m = MudReader.read(url, file);
        } catch (MudFormatException e) {
            return fail(url, MudCheck.Status.MALFORMED, e.getMessage());
        }
        if (!m.mudUrl().equals(url)) {
            return fail(url, MudCheck.Status.URL_MISMATCH, "the file says it is " + m.mudUrl());
        }
        MudSignatures.Verdict v = sig == null
                ? new MudSignatures.Verdict(MudCheck.Status.UNSIGNED, "the file names no mud-signature", null)
                : signatures.verify(file, sig, new Date(now / 1_000_000));
        if (v.status() != MudCheck.Status.VERIFIED) {
            if (testMode) {
                return new MudCheck(url, MudCheck.Status.UNVERIFIED_TEST_MODE, "test mode: " + v.message(), m, v.signer(),
                        fromCache, fetchedAt);
            }
            return new MudCheck(url, v.status(), v.message(), null, v.signer(), fromCache, fetchedAt);
        }
        return new MudCheck(url, MudCheck.Status.VERIFIED, v.message() + (fromCache ? " (cached)" : ""), m, v.signer(),
                fromCache, fetchedAt);
    }

    private static String signatureUrl(byte[] file) {
        try {
            var n = new ObjectMapper().readTree(file).path("ietf-mud:mud").path("mud-signature");
            return n.isTextual() ? n.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] get(URI uri, String accept) throws IOException {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException(uri + " is not https");
        }
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", accept)
                .header("User-Agent", "Vigil MUD manager").GET().build();
        try {
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new IOException(uri + " answered HTTP " + r.statusCode());
                }
                byte[] b = in.readNBytes(MAX_BYTES + 1);
                if (b.length > MAX_BYTES) {
                    throw new IOException(uri + " is larger than " + MAX_BYTES + " bytes");
                }
                return b;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException("TLS with " + uri.getHost() + " failed: " + e.getMessage());
        }
    }

    private record Cached(byte[] file, byte[] signature, long fetchedAt, int validityHours) {
    }

    private Path entry(String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return cache.resolve(HexFormat.of().formatHex(d, 0, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private Cached cached(String url) {
        Path e = entry(url);
        try {
            var meta = new ObjectMapper().readTree(Files.readString(e.resolveSibling(e.getFileName() + ".meta")));
            if (!meta.path("url").asText().equals(url)) {
                return null;
            }
            Path sig = e.resolveSibling(e.getFileName() + ".p7s");
            return new Cached(Files.readAllBytes(e.resolveSibling(e.getFileName() + ".json")), Files.exists(sig)
                    ? Files.readAllBytes(sig) : null, meta.path("fetched_at").asLong(), meta.path("cache_validity").asInt());
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    private void store(String url, byte[] file, byte[] sig, long now, int validity) {
        Path e = entry(url);
        try {
            Files.createDirectories(cache);
            Files.write(e.resolveSibling(e.getFileName() + ".json"), file);
            if (sig != null) {
                Files.write(e.resolveSibling(e.getFileName() + ".p7s"), sig);
            }
            ObjectNode meta = new ObjectMapper().createObjectNode();
            meta.put("url", url).put("fetched_at", now).put("cache_validity", validity);
            Files.writeString(e.resolveSibling(e.getFileName() + ".meta"), meta.toString());
        } catch (IOException ex) {
            // a cache that cannot be written only means fetching again next time
        }
    }

    private static MudCheck fail(String url, MudCheck.Status s, String message) {
        return new MudCheck(url, s, message, null, null, false, 0);
    }
}
