package dev.vigil.detect.hygiene;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.proto.ftp.FtpTransfer;
import dev.vigil.engine.proto.http.HttpRequest;
import dev.vigil.engine.proto.http.HttpResponse;
import dev.vigil.engine.proto.tftp.TftpRequest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Insecure update channels: firmware, packages and executables fetched over plain HTTP, TFTP or FTP.
 * An HTTP download counts when the path looks like an image or package, or the response says it is
 * a binary of some size.
 */
public final class UpdateChecks implements Detector {

    /** Image, package and executable extensions, and paths that name firmware or upgrades. */
    static final Pattern FIRMWARE_PATH = Pattern.compile(
            "(?i)(\\.(bin|img|fw|hex|trx|chk|pkg|rom|ipk|deb|rpm|apk|exe|msi|msu|cab|elf|swu|ota|dfu)($|\\?))"
                    + "|(firmware|/fw/|fw_|upgrade|/ota[/_.-]|/update/)");
    /** Archives count only when the path also names firmware (a .zip is usually just a file). */
    static final Pattern ARCHIVE = Pattern.compile("(?i)\\.(zip|tar|tgz|gz|bz2|xz|7z)($|\\?)");
    static final Pattern BINARY_TYPE = Pattern.compile(
            "(?i)application/(octet-stream|x-msdownload|x-executable|x-elf|vnd\\.android\\.package-archive|x-debian-package"
                    + "|x-rpm|x-gzip|gzip|zip|x-tar)");
    static final long MIN_BINARY = 64 * 1024;

    private final FindingRecorder findings;
    private final Map<Long, String> hosts = new HashMap<>();

    public UpdateChecks(FindingRecorder findings) {
        this.findings = findings;
    }

    @Override
    public void accept(Event e) {
        switch (e) {
            case HttpRequest r -> {
                if (r.host() != null && hosts.size() < 100_000) {
                    hosts.put(r.flow().id(), r.host());
                }
            }
            case HttpResponse r -> response(r);
            case TftpRequest t -> {
                if (!t.write()) {
                    FindingRecorder.Draft d = findings.record("update.cleartext_tftp", Endpoint.client(t.flow()),
                            Endpoint.server(t.flow()), null, t.filename(), t.ts());
                    if (d != null) {
                        d.evidence.put("file", t.filename());
                        d.evidence.put("mode", t.mode());
                    }
                }
            }
            case FtpTransfer t -> {
                if (t.command().equals("RETR") && firmware(t.path())) {
                    FindingRecorder.Draft d = findings.record("update.cleartext_ftp", Endpoint.client(t.flow()),
                            Endpoint.server(t.flow()), null, t.path(), t.ts());
                    if (d != null) {
                        d.evidence.put("file", t.path());
                    }
                }
            }
            case FlowEnded f -> hosts.remove(f.flow().id());
            default -> {
            }
        }
    }

    static boolean firmware(String path) {
        boolean named = FIRMWARE_PATH.matcher(path).find();
        if (ARCHIVE.matcher(path).find()) {
            return named && path.toLowerCase(Locale.ROOT).matches(".*(firmware|/fw/|fw_|upgrade|/ota[/_.-]|/update/).*");
        }
        return named;
    }

    private void response(HttpResponse r) {
        if (!"GET".equalsIgnoreCase(r.requestMethod()) || r.status() < 200 || r.status() >= 300 || r.requestUri() == null) {
            return;
        }
        String path = r.requestUri();
        String type = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
        // the cheap tests first: most responses are pages, JSON or small, and never reach the patterns
        Long length = r.contentLength();
        boolean firmwarePath = !type.startsWith("text/html") && !type.contains("json")
                && (length == null || length >= 4096) && firmware(path);
        boolean binary = length != null && length >= MIN_BINARY && BINARY_TYPE.matcher(type).find();
        if (!firmwarePath && !binary) {
            return;
        }
        String host = hosts.get(r.flow().id());
        FindingRecorder.Draft d = findings.record("update.cleartext_http", Endpoint.client(r.flow()),
                Endpoint.server(r.flow()), host, path, r.ts());
        if (d != null) {
            d.evidence.put("url", (host == null ? r.flow().serverIp().toString() : host) + path);
            if (r.contentType() != null) {
                d.evidence.put("content_type", r.contentType());
            }
            if (r.contentLength() != null) {
                d.evidence.put("bytes", r.contentLength());
            }
        }
    }
}
