package dev.vigil.detect.intel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads the intelligence files operators feed Vigil and says what each one is: NVD CVE JSON 2.0
 * (one record, an API response or a yearly feed, gzip or not), the CISA KEV catalogue (JSON or CSV),
 * or a firmware catalogue (CSV or JSON). Large NVD feeds are read as a stream, one record at a time.
 */
public final class IntelFiles {

    /** What a file holds. */
    public enum Kind {
        NVD, KEV, FIRMWARE
    }

    /** A file that is not one of the supported kinds, or is damaged; the message is one line. */
    public static final class IntelFormatException extends Exception {
        public IntelFormatException(String message) {
            super(message);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final int DESCRIPTION_MAX = 600;
    private static final int REFERENCES_MAX = 5;

    /** What one file contributed. */
    public record Parsed(Kind kind, List<CveRecord> cves, List<KevEntry> kev, String kevCatalogVersion,
            List<FirmwareRelease> firmware) {
    }

    private IntelFiles() {
    }

    /**
     * Reads a file of any supported kind; {@code forced} skips the sniffing.
     *
     * @throws IntelFormatException when it is none of them or is damaged
     */
    public static Parsed read(Path file, Kind forced) throws IOException, IntelFormatException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] head = head(file);
        boolean json = firstNonSpace(head) == '{' || firstNonSpace(head) == '[';
        String text = new String(head, StandardCharsets.UTF_8);
        Kind kind = forced;
        if (kind == null) {
            if (json) {
                kind = text.contains("\"cveID\"") || text.contains("\"catalogVersion\"") ? Kind.KEV
                        : text.contains("\"latest_version\"") || text.contains("\"firmware\"") ? Kind.FIRMWARE
                        : text.contains("\"CVE_Items\"") ? null
                        : text.contains("\"vulnerabilities\"") || text.contains("\"cve\"") || text.contains("\"CVE-")
                                ? Kind.NVD : null;
                if (text.contains("\"CVE_Items\"")) {
                    throw new IntelFormatException(file + ": an NVD JSON 1.1 feed; NVD retired that format, use the CVE JSON 2.0 feeds or API");
                }
            } else {
                String header = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("")
                        .toLowerCase(Locale.ROOT);
                kind = header.contains("cveid") ? Kind.KEV
                        : header.contains("vendor") && header.contains("model") ? Kind.FIRMWARE : null;
            }
        }
        if (kind == null) {
            throw new IntelFormatException(file + ": not an NVD CVE JSON 2.0 file, a CISA KEV catalogue (JSON or CSV) "
                    + "or a firmware catalogue (CSV or JSON with vendor, model, latest_version)");
        }
        try {
            return switch (kind) {
                case NVD -> {
                    List<CveRecord> out = new ArrayList<>();
                    nvd(file, out::add);
                    yield new Parsed(kind, out, List.of(), null, List.of());
                }
                case KEV -> json ? kevJson(file) : kevCsv(file);
                case FIRMWARE -> new Parsed(kind, List.of(), List.of(), null, json ? firmwareJson(file) : firmwareCsv(file));
            };
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IntelFormatException(file + ": damaged " + kind.name().toLowerCase(Locale.ROOT) + " file: "
                    + e.getOriginalMessage() + location(e));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof com.fasterxml.jackson.core.JacksonException j) {
                throw new IntelFormatException(file + ": damaged file: " + j.getOriginalMessage() + location(j));
            }
            throw e;
        }
    }

    private static String location(com.fasterxml.jackson.core.JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return in.readNBytes(8192);
        }
    }

    private static int firstNonSpace(byte[] b) {
        for (byte x : b) {
            if (x == (byte) 0xef || x == (byte) 0xbb || x == (byte) 0xbf) {
                continue; // UTF-8 byte order mark
            }
            if (!Character.isWhitespace(x)) {
                return x;
            }
        }
        return -1;
    }

    // ---- NVD ----------------------------------------------------------------------------------------------------

    /** Streams the CVE records of a single record, an API response or a feed. */
    static void nvd(Path file, Consumer<CveRecord> out) throws IOException, IntelFormatException {
        boolean wrapper = new String(head(file), StandardCharsets.UTF_8).contains("\"vulnerabilities\"");
        int[] found = {0};
        Consumer<CveRecord> counted = r -> {
            found[0]++;
            out.accept(r);
        };
        try (InputStream in = open(file); JsonParser p = FACTORY.createParser(in)) {
            p.setCodec(JSON);
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    item(p.readValueAsTree(), counted);
                }
            } else if (t != JsonToken.START_OBJECT) {
                throw new IntelFormatException(file + ": expected a JSON object");
            } else if (!wrapper) {
                // one record, bare ({"id": "CVE-…", …}) or wrapped ({"cve": {…}})
                item(p.readValueAsTree(), counted);
            } else {
                // a feed or API response: {"resultsPerPage": …, "vulnerabilities": [{"cve": {…}}, …]}
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if (field.equals("vulnerabilities") && v == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            item(p.readValueAsTree(), counted);
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        if (found[0] == 0) {
            throw new IntelFormatException(file + ": no CVE records in this NVD file");
        }
    }

    private static void item(JsonNode n, Consumer<CveRecord> out) {
        JsonNode c = n.has("cve") ? n.get("cve") : n;
        if (c.path("id").asText("").startsWith("CVE-")) {
            out.accept(cve(c));
        }
    }

    /** One NVD CVE JSON 2.0 record. */
    static CveRecord cve(JsonNode c) {
        String description = null;
        for (JsonNode d : c.path("descriptions")) {
            if (d.path("lang").asText().equals("en")) {
                description = d.path("value").asText();
                break;
            }
        }
        if (description != null && description.length() > DESCRIPTION_MAX) {
            description = description.substring(0, DESCRIPTION_MAX - 1) + "…";
        }
        Double score = null;
        String version = null;
        String severity = null;
        String vector = null;
        JsonNode metrics = c.path("metrics");
        for (String key : List.of("cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2")) {
            JsonNode list = metrics.path(key);
            JsonNode chosen = null;
            for (JsonNode m : list) {
                if (chosen == null || m.path("type").asText().equals("Primary")) {
                    chosen = m;
                    if (m.path("type").asText().equals("Primary")) {
                        break;
                    }
                }
            }
            if (chosen != null) {
                JsonNode data = chosen.path("cvssData");
                score = data.path("baseScore").isNumber() ? data.path("baseScore").asDouble() : null;
                version = text(data, "version");
                severity = data.has("baseSeverity") ? data.path("baseSeverity").asText() : text(chosen, "baseSeverity");
                vector = text(data, "vectorString");
                break;
            }
        }
        List<String> cwes = new ArrayList<>();
        for (JsonNode w : c.path("weaknesses")) {
            for (JsonNode d : w.path("description")) {
                String v = d.path("value").asText();
                if (v.startsWith("CWE-") && !cwes.contains(v)) {
                    cwes.add(v);
                }
            }
        }
        List<CveRecord.Configuration> configs = new ArrayList<>();
        for (JsonNode cfg : c.path("configurations")) {
            List<CveRecord.Node> nodes = new ArrayList<>();
            for (JsonNode node : cfg.path("nodes")) {
                List<CveRecord.Match> matches = new ArrayList<>();
                for (JsonNode m : node.path("cpeMatch")) {
                    String criteria = text(m, "criteria");
                    if (criteria == null) {
                        continue;
                    }
                    matches.add(new CveRecord.Match(m.path("vulnerable").asBoolean(false), criteria,
                            text(m, "versionStartIncluding"), text(m, "versionStartExcluding"),
                            text(m, "versionEndIncluding"), text(m, "versionEndExcluding")));
                }
                nodes.add(new CveRecord.Node(node.path("operator").asText("OR"), node.path("negate").asBoolean(false),
                        matches));
            }
            configs.add(new CveRecord.Configuration(cfg.path("operator").asText("OR"), cfg.path("negate").asBoolean(false),
                    nodes));
        }
        List<String> refs = new ArrayList<>();
        for (JsonNode r : c.path("references")) {
            if (refs.size() < REFERENCES_MAX && r.has("url")) {
                refs.add(r.path("url").asText());
            }
        }
        return new CveRecord(c.path("id").asText(), text(c, "published"), text(c, "lastModified"), description, score,
                version, severity, vector, cwes, text(c, "cisaExploitAdd"), text(c, "cisaActionDue"), configs, refs);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    // ---- KEV ----------------------------------------------------------------------------------------------------

    private static Parsed kevJson(Path file) throws IOException, IntelFormatException {
        JsonNode root;
        try (InputStream in = open(file)) {
            root = JSON.readTree(in);
        }
        JsonNode list = root.isArray() ? root : root.path("vulnerabilities");
        List<KevEntry> out = new ArrayList<>();
        for (JsonNode v : list) {
            KevEntry e = JSON.treeToValue(v, KevEntry.class);
            if (e.cveID() != null && e.cveID().startsWith("CVE-")) {
                // the same entry from the JSON feed and from the CSV must be equal: trimmed, blanks absent
                out.add(new KevEntry(blank(e.cveID()), blank(e.vendorProject()), blank(e.product()),
                        blank(e.vulnerabilityName()), blank(e.dateAdded()), blank(e.shortDescription()),
                        blank(e.requiredAction()), blank(e.dueDate()), blank(e.knownRansomwareCampaignUse()),
                        blank(e.notes()), e.cwes() == null ? List.of()
                                : e.cwes().stream().map(String::trim).filter(x -> !x.isEmpty()).toList()));
            }
        }
        if (out.isEmpty()) {
            throw new IntelFormatException(file + ": no KEV entries (expected \"vulnerabilities\": [{\"cveID\": …}])");
        }
        return new Parsed(Kind.KEV, List.of(), out, text(root, "catalogVersion"), List.of());
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        CsvMapper m = new CsvMapper();
        m.enable(CsvParser.Feature.TRIM_SPACES);
        m.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        m.enable(CsvParser.Feature.ALLOW_COMMENTS);
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withComments();
        List<Map<String, String>> rows = new ArrayList<>();
        try (InputStream in = open(file);
                MappingIterator<Map<String, String>> it = m.readerForMapOf(String.class).with(schema).readValues(in)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    private static Parsed kevCsv(Path file) throws IOException, IntelFormatException {
        List<KevEntry> out = new ArrayList<>();
        for (Map<String, String> r : csv(file)) {
            String id = blank(r.get("cveID"));
            if (id == null || !id.startsWith("CVE-")) {
                continue;
            }
            String cwes = blank(r.get("cwes"));
            out.add(new KevEntry(id, blank(r.get("vendorProject")), blank(r.get("product")),
                    blank(r.get("vulnerabilityName")), blank(r.get("dateAdded")), blank(r.get("shortDescription")),
                    blank(r.get("requiredAction")), blank(r.get("dueDate")), blank(r.get("knownRansomwareCampaignUse")),
                    blank(r.get("notes")), cwes == null ? List.of() : Arrays.stream(cwes.split(",")).map(String::trim)
                            .filter(s -> !s.isEmpty()).toList()));
        }
        if (out.isEmpty()) {
            throw new IntelFormatException(file + ": no KEV rows (expected a cveID column)");
        }
        return new Parsed(Kind.KEV, List.of(), out, null, List.of());
    }

    // ---- firmware catalogue -------------------------------------------------------------------------------------

    private static List<FirmwareRelease> firmwareCsv(Path file) throws IOException, IntelFormatException {
        List<FirmwareRelease> out = new ArrayList<>();
        int line = 1;
        for (Map<String, String> r : csv(file)) {
            line++;
            out.add(firmware(file, line, blank(r.get("vendor")), blank(r.get("model")), blank(r.get("latest_version")),
                    blank(r.get("release_date")), blank(r.get("end_of_support")), blank(r.get("url")),
                    blank(r.get("notes"))));
        }
        if (out.isEmpty()) {
            throw new IntelFormatException(file + ": an empty firmware catalogue");
        }
        return out;
    }

    private static List<FirmwareRelease> firmwareJson(Path file) throws IOException, IntelFormatException {
        JsonNode root;
        try (InputStream in = open(file)) {
            root = JSON.readTree(in);
        }
        JsonNode list = root.isArray() ? root : root.path("firmware");
        List<FirmwareRelease> out = new ArrayList<>();
        int i = 0;
        for (JsonNode r : list) {
            i++;
            out.add(firmware(file, i, text(r, "vendor"), text(r, "model"), text(r, "latest_version"),
                    text(r, "release_date"), text(r, "end_of_support"), text(r, "url"), text(r, "notes")));
        }
        if (out.isEmpty()) {
            throw new IntelFormatException(file + ": an empty firmware catalogue");
        }
        return out;
    }

    private static FirmwareRelease firmware(Path file, int row, String vendor, String model, String latest,
            String released, String eos, String url, String notes) throws IntelFormatException {
        if (vendor == null || model == null) {
            throw new IntelFormatException(file + ": entry " + row + ": vendor and model are required");
        }
        if (latest == null && eos == null) {
            throw new IntelFormatException(file + ": entry " + row + ": give latest_version, end_of_support or both");
        }
        for (String d : new String[] {released, eos}) {
            if (d != null) {
                try {
                    java.time.LocalDate.parse(d);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IntelFormatException(file + ": entry " + row + ": '" + d + "' is not a date (YYYY-MM-DD)");
                }
            }
        }
        return new FirmwareRelease(vendor, model, latest, released, eos, url, notes);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
