package dev.vigil.detect.intel;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The local, offline intelligence store: CVE records, the KEV catalogue and the firmware catalogue,
 * as JSON lines in one directory ({@code --intel DIR}, else $VIGIL_INTEL, else
 * $XDG_DATA_HOME/vigil/intel, else ~/.local/share/vigil/intel).
 *
 * <pre>
 * cve/tp.jsonl      CVE records, sharded by the first two letters of each vulnerable vendor's key
 * cve/index.tsv     id, lastModified, shards (lets an update drop a record from shards it left)
 * kev.jsonl         KEV entries by CVE id
 * firmware.jsonl    firmware catalogue, by vendor and model
 * store.json        format version, KEV catalogue version
 * imports.jsonl     one line per import: file, SHA-256, kind, what changed
 * </pre>
 *
 * Imports are incremental and idempotent: a CVE is replaced only by a record modified later, KEV
 * and firmware entries by key; importing the same file again changes nothing. Every file is written
 * to a temporary name and moved into place, and a lock keeps two imports from interleaving.
 */
public final class IntelStore {

    static final int FORMAT = 1;

    private static final ObjectMapper JSON = IntelFiles.JSON;

    private final Path dir;

    public IntelStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The default location. */
    public static Path defaultDir() {
        String env = System.getenv("VIGIL_INTEL");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("vigil").resolve("intel");
    }

    public boolean exists() {
        return Files.isRegularFile(dir.resolve("store.json"));
    }

    /** What an import changed. */
    public record ImportResult(String file, IntelFiles.Kind kind, int records, int added, int updated, int unchanged,
            int olderIgnored) {
    }

    /** What the store holds. */
    public record Status(Path dir, int cves, int cvesWithConfigurations, int kev, String kevCatalogVersion,
            int firmware, List<Map<String, Object>> lastImports) {
    }

    // ---- import -------------------------------------------------------------------------------------------------

    /**
     * Imports one file.
     *
     * @param forced the kind, or null to recognise it
     */
    public ImportResult importFile(Path file, IntelFiles.Kind forced) throws IOException, IntelFiles.IntelFormatException {
        IntelFiles.Parsed parsed = IntelFiles.read(file, forced);
        Files.createDirectories(dir.resolve("cve"));
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            Map<String, Object> meta = readMeta();
            ImportResult r = switch (parsed.kind()) {
                case NVD -> importCves(file, parsed.cves());
                case KEV -> importKev(file, parsed.kev(), parsed.kevCatalogVersion(), meta);
                case FIRMWARE -> importFirmware(file, parsed.firmware());
            };
            meta.put("format", FORMAT);
            JsonLines.writeAtomically(dir.resolve("store.json"), List.of(JSON.writeValueAsString(meta)));
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("time", Instant.now().toString());
            log.put("file", file.toAbsolutePath().toString());
            log.put("sha256", JsonLines.sha256(file));
            log.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
            log.put("records", r.records());
            log.put("added", r.added());
            log.put("updated", r.updated());
            log.put("unchanged", r.unchanged());
            log.put("older_ignored", r.olderIgnored());
            Files.writeString(dir.resolve("imports.jsonl"), JSON.writeValueAsString(log) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return r;
        }
    }

    private ImportResult importCves(Path file, List<CveRecord> incoming) throws IOException {
        // newest version of each incoming record (a feed may hold one twice)
        Map<String, CveRecord> fresh = new TreeMap<>();
        for (CveRecord c : incoming) {
            fresh.merge(c.id(), c, (a, b) -> newer(b, a) ? b : a);
        }
        Map<String, String[]> index = readIndex();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        int older = 0;
        Map<String, Map<String, CveRecord>> touched = new TreeMap<>();
        Map<String, Set<String>> removals = new TreeMap<>();
        for (CveRecord c : fresh.values()) {
            String[] known = index.get(c.id());
            Set<String> shards = CveShards.shards(c);
            if (known != null) {
                int cmp = compareTime(c.lastModified(), known[0]);
                if (cmp < 0) {
                    older++;
                    continue;
                }
                if (cmp == 0 && String.join(",", shards).equals(known[1])) {
                    // same modification time: the same record, unless it was stored from another copy; compare
                    CveRecord stored = readOne(c.id(), shards.iterator().next());
                    if (c.equals(stored)) {
                        unchanged++;
                        continue;
                    }
                }
                updated++;
                for (String old : known[1].split(",")) {
                    if (!shards.contains(old)) {
                        removals.computeIfAbsent(old, k -> new HashSet<>()).add(c.id());
                    }
                }
            } else {
                added++;
            }
            for (String s : shards) {
                touched.computeIfAbsent(s, k -> new TreeMap<>()).put(c.id(), c);
            }
            index.put(c.id(), new String[] {c.lastModified() == null ? "" : c.lastModified(), String.join(",", shards)});
        }
        Set<String> shardsToWrite = new TreeSet<>(touched.keySet());
        shardsToWrite.addAll(removals.keySet());
        for (String shard : shardsToWrite) {
            Map<String, String> lines = readShardLines(shard);
            for (String id : removals.getOrDefault(shard, Set.of())) {
                lines.remove(id);
            }
            for (CveRecord c : touched.getOrDefault(shard, Map.of()).values()) {
                lines.put(c.id(), JSON.writeValueAsString(c));
            }
            JsonLines.writeAtomically(shardPath(shard), new ArrayList<>(lines.values()));
        }
        if (!shardsToWrite.isEmpty()) {
            List<String> out = new ArrayList<>(index.size());
            for (Map.Entry<String, String[]> e : new TreeMap<>(index).entrySet()) {
                out.add(e.getKey() + '\t' + e.getValue()[0] + '\t' + e.getValue()[1]);
            }
            JsonLines.writeAtomically(dir.resolve("cve/index.tsv"), out);
        }
        return new ImportResult(file.toString(), IntelFiles.Kind.NVD, incoming.size(), added, updated, unchanged, older);
    }

    private static boolean newer(CveRecord a, CveRecord b) {
        return compareTime(a.lastModified(), b.lastModified()) > 0;
    }

    private static int compareTime(String a, String b) {
        return (a == null ? "" : a).compareTo(b == null ? "" : b);
    }

    private ImportResult importKev(Path file, List<KevEntry> incoming, String catalogVersion, Map<String, Object> meta)
            throws IOException {
        Map<String, KevEntry> all = new TreeMap<>(kev());
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (KevEntry e : incoming) {
            KevEntry old = all.put(e.cveID(), e);
            if (old == null) {
                added++;
            } else if (old.equals(e)) {
                unchanged++;
            } else {
                updated++;
            }
        }
        if (added + updated > 0) {
            List<String> lines = new ArrayList<>();
            for (KevEntry e : all.values()) {
                lines.add(JSON.writeValueAsString(e));
            }
            JsonLines.writeAtomically(dir.resolve("kev.jsonl"), lines);
        }
        if (catalogVersion != null) {
            meta.put("kev_catalog_version", catalogVersion);
        }
        return new ImportResult(file.toString(), IntelFiles.Kind.KEV, incoming.size(), added, updated, unchanged, 0);
    }

    private ImportResult importFirmware(Path file, List<FirmwareRelease> incoming) throws IOException {
        Map<String, FirmwareRelease> all = new TreeMap<>();
        for (FirmwareRelease f : firmware()) {
            all.put(f.key(), f);
        }
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (FirmwareRelease f : incoming) {
            FirmwareRelease old = all.put(f.key(), f);
            if (old == null) {
                added++;
            } else if (old.equals(f)) {
                unchanged++;
            } else {
                updated++;
            }
        }
        if (added + updated > 0) {
            List<String> lines = new ArrayList<>();
            for (FirmwareRelease f : all.values()) {
                lines.add(JSON.writeValueAsString(f));
            }
            JsonLines.writeAtomically(dir.resolve("firmware.jsonl"), lines);
        }
        return new ImportResult(file.toString(), IntelFiles.Kind.FIRMWARE, incoming.size(), added, updated, unchanged,
                0);
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /** CVE records whose vulnerable components come from one of these vendors (keys from {@link CpeNames#vendorKey}). */
    public List<CveRecord> cvesForVendors(Set<String> vendorKeys) throws IOException {
        Set<String> shards = new TreeSet<>();
        for (String v : vendorKeys) {
            if (!v.isEmpty()) {
                shards.add(CveShards.shardOf(v));
            }
        }
        Map<String, CveRecord> out = new TreeMap<>();
        for (String shard : shards) {
            for (String line : readShardLines(shard).values()) {
                CveRecord c = JSON.readValue(line, CveRecord.class);
                Set<String> vendors = CveShards.vulnerableVendors(c);
                vendors.retainAll(vendorKeys);
                if (!vendors.isEmpty()) {
                    out.merge(c.id(), c, (a, b) -> newer(b, a) ? b : a);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The KEV catalogue by CVE id. */
    public Map<String, KevEntry> kev() throws IOException {
        Map<String, KevEntry> out = new TreeMap<>();
        for (String line : JsonLines.lines(dir.resolve("kev.jsonl"))) {
            KevEntry e = JSON.readValue(line, KevEntry.class);
            out.put(e.cveID(), e);
        }
        return out;
    }

    public List<FirmwareRelease> firmware() throws IOException {
        List<FirmwareRelease> out = new ArrayList<>();
        for (String line : JsonLines.lines(dir.resolve("firmware.jsonl"))) {
            out.add(JSON.readValue(line, FirmwareRelease.class));
        }
        return out;
    }

    public Status status() throws IOException {
        Map<String, String[]> index = readIndex();
        int configured = 0;
        for (String[] v : index.values()) {
            if (!v[1].equals(CveShards.UNCONFIGURED)) {
                configured++;
            }
        }
        List<String> log = JsonLines.lines(dir.resolve("imports.jsonl"));
        List<Map<String, Object>> last = new ArrayList<>();
        for (String l : log.subList(Math.max(0, log.size() - 10), log.size())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(l, Map.class);
            last.add(m);
        }
        Map<String, Object> meta = readMeta();
        return new Status(dir, index.size(), configured, kev().size(), (String) meta.get("kev_catalog_version"),
                firmware().size(), last);
    }

    private CveRecord readOne(String id, String shard) throws IOException {
        String line = readShardLines(shard).get(id);
        return line == null ? null : JSON.readValue(line, CveRecord.class);
    }

    private Path shardPath(String shard) {
        return dir.resolve("cve").resolve(shard + ".jsonl");
    }

    /** id → JSON line, in id order. */
    private Map<String, String> readShardLines(String shard) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String line : JsonLines.lines(shardPath(shard))) {
            int a = line.indexOf("\"id\":\"");
            if (a >= 0) {
                int b = line.indexOf('"', a + 6);
                out.put(line.substring(a + 6, b), line);
            }
        }
        return out;
    }

    private Map<String, String[]> readIndex() throws IOException {
        Map<String, String[]> out = new HashMap<>();
        for (String line : JsonLines.lines(dir.resolve("cve/index.tsv"))) {
            String[] f = line.split("\t", -1);
            if (f.length == 3) {
                out.put(f[0], new String[] {f[1], f[2]});
            }
        }
        return out;
    }

    private Map<String, Object> readMeta() throws IOException {
        Path p = dir.resolve("store.json");
        if (!Files.exists(p)) {
            return new LinkedHashMap<>();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.readValue(p.toFile(), LinkedHashMap.class);
        Object format = m.get("format");
        if (format instanceof Integer f && f > FORMAT) {
            throw new IOException(dir + " was written by a newer Vigil (store format " + f + ")");
        }
        return m;
    }}
