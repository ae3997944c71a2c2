package dev.vigil.detect.findings;

import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.event.EventJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects findings while an analysis runs, merging repeats: the same type about the same device
 * and peer (and key) is one finding with a count and first and last times. Bounded: past
 * {@link #MAX_FINDINGS} distinct findings, new ones are counted but dropped.
 */
public final class FindingRecorder implements java.io.Serializable {

    static final int MAX_FINDINGS = 100_000;

    /**
     * Past this many distinct peers, the findings of one type about one device (and key) fold into
     * one finding that lists a sample of the peers and counts them: a BACnet controller answering
     * three thousand scanners is one finding, not three thousand.
     */
    static final int FOLD_PEERS = 4;

    static final int SAMPLE_PEERS = 10;

    /** A finding being gathered. Detectors may add to its evidence. */
    public static final class Draft implements java.io.Serializable {
        final String type;
        Severity severity;
        final Endpoint subject;
        final Endpoint peer;
        final String peerHost;
        long first;
        long last;
        long count;
        boolean subjectOnly;
        public final Map<String, Object> evidence = new LinkedHashMap<>();

        final String key;

        Draft(String type, Endpoint subject, Endpoint peer, String peerHost, String key, long ts) {
            this.type = type;
            this.key = key == null ? "" : key;
            this.subject = subject;
            this.peer = peer;
            this.peerHost = peerHost;
            this.first = ts;
            this.last = ts;
        }

        Draft copy() {
            Draft d = new Draft(type, subject, peer, peerHost, key, first);
            d.severity = severity;
            d.last = last;
            d.count = count;
            d.subjectOnly = subjectOnly;
            d.evidence.putAll(evidence);
            return d;
        }

        /** Merges occurrences gathered elsewhere: a span of time and how many times. */
        public Draft span(long from, long to, long times) {
            first = Math.min(first, from);
            last = Math.max(last, to);
            count = Math.max(count, times);
            return this;
        }

        /**
         * The finding is about the subject alone: when the subject is not a device of the monitored
         * networks it is dropped instead of being turned onto the peer (a factory-default
         * password is the weakness of the service that accepts it, not of the client that types it).
         */
        public Draft subjectOnly() {
            subjectOnly = true;
            return this;
        }

        /** Raises the severity (never lowers it). */
        public Draft atLeast(Severity s) {
            if (severity == null || s.compareTo(severity) > 0) {
                severity = s;
            }
            return this;
        }
    }

    /** The order findings are reported in: severity, type, device, time, peer. */
    public static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.severity()).reversed()
            .thenComparing(Finding::type).thenComparing(f -> f.device().id()).thenComparing(Finding::firstSeen)
            .thenComparing(f -> f.peer() == null || f.peer().ip() == null ? "" : f.peer().ip());

    private final FindingCatalog catalog;
    private Map<String, Draft> drafts = new LinkedHashMap<>();
    private long dropped;

    public FindingRecorder(FindingCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Records one occurrence.
     *
     * @param type a catalogue type
     * @param subject the endpoint the finding is about (preferred); if it is not a device of the
     *     monitored networks, the peer is tried instead
     * @param peer the other side, or null
     * @param peerHost the name the peer went by (SNI, Host), or null
     * @param key what distinguishes separate findings of this type between the same endpoints
     *     (a user name, a certificate), or null
     * @param ts packet time
     * @return the draft, for adding evidence; null when the bound was reached
     */
    public Draft record(String type, Endpoint subject, Endpoint peer, String peerHost, String key, long ts) {
        catalog.get(type);
        String k = type + '|' + id(subject) + '|' + id(peer) + '|' + (key == null ? "" : key);
        Draft d = drafts.get(k);
        if (d == null) {
            if (drafts.size() >= MAX_FINDINGS) {
                dropped++;
                return null;
            }
            d = new Draft(type, subject, peer, peerHost, key, ts);
            drafts.put(k, d);
        }
        d.count++;
        if (ts < d.first) {
            d.first = ts;
        }
        if (ts > d.last) {
            d.last = ts;
        }
        return d;
    }

    private static String id(Endpoint e) {
        if (e == null) {
            return "";
        }
        // ports stay out of the key: a client's ephemeral port must not split one finding into many
        return (e.ip() == null ? "" : e.ip().toString()) + '/' + (e.mac() == null ? "" : e.mac().toString());
    }

    /**
     * Runs {@code body} against a copy of the drafts and puts the originals back afterwards: what
     * a continuing analysis records while it takes stock (a detector's end-of-window decisions) is
     * recomputed from its state at every checkpoint instead of piling up.
     */
    public <T> T scratch(java.util.function.Supplier<T> body) {
        Map<String, Draft> kept = drafts;
        Map<String, Draft> copy = new LinkedHashMap<>(kept.size() * 2);
        for (Map.Entry<String, Draft> e : kept.entrySet()) {
            copy.put(e.getKey(), e.getValue().copy());
        }
        drafts = copy;
        try {
            return body.get();
        } finally {
            drafts = kept;
        }
    }

    public long dropped() {
        return dropped;
    }

    /** Attaches each finding to its device and returns them in a stable order (severity, type, device, time). */
    public List<Finding> resolve(DeviceIndex index) {
        // attach every draft to a device, then fold what has too many peers
        Map<String, List<Placed>> groups = new LinkedHashMap<>();
        for (Draft d : drafts.values()) {
            Endpoint subject = d.subject;
            Endpoint peer = d.peer;
            String peerHost = d.peerHost;
            // the device that held the address when it happened (an address may change hands)
            Device device = index.device(subject, d.first);
            boolean turned = false;
            if (device == null && peer != null && !d.subjectOnly) {
                device = index.device(peer, d.first);
                if (device != null) {
                    Endpoint t = subject;
                    subject = peer;
                    peer = t;
                    peerHost = null;
                    turned = true;
                }
            }
            if (device == null && (loopback(subject) || self(subject, peer))) {
                device = CAPTURE_HOST;
            }
            if (device == null) {
                continue;
            }
            String key = d.type + '|' + device.id() + '|' + d.key;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Placed(d, device, subject, peer, peerHost, turned));
        }
        List<Finding> out = new ArrayList<>();
        for (List<Placed> group : groups.values()) {
            if (group.size() <= FOLD_PEERS) {
                for (Placed p : group) {
                    out.add(finding(p, p.draft.first, p.draft.last, p.draft.count, p.draft.evidence, p.peer(), p.peerHost()));
                }
                continue;
            }
            Placed head = group.get(0);
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            long count = 0;
            List<String> peers = new ArrayList<>();
            for (Placed p : group) {
                first = Math.min(first, p.draft.first);
                last = Math.max(last, p.draft.last);
                count += p.draft.count;
                if (p.peer() != null && p.peer().ip() != null) {
                    peers.add(p.peer().ip().toString());
                }
            }
            Map<String, Object> evidence = new LinkedHashMap<>(head.draft.evidence);
            evidence.put("peer_count", group.size());
            evidence.put("peers_sample", peers.stream().distinct().sorted().limit(SAMPLE_PEERS).toList());
            Severity worst = null;
            for (Placed p : group) {
                Severity s = p.draft.severity;
                if (s != null && (worst == null || s.compareTo(worst) > 0)) {
                    worst = s;
                }
            }
            Placed folded = new Placed(head.draft, head.device, head.subject, null, null, head.turned());
            out.add(finding(folded, first, last, count, evidence, null, null, worst));
        }
        out.sort(ORDER);
        return out;
    }

    /**
     * What traffic on the capture host's own loopback (127.0.0.0/8, ::1, or a host's own address on
     * both ends) is about: the host the capture was taken on, which is no device of the monitored network (it has no place in the inventory, its
     * trust or its plan), but whose findings an analyst still wants to see.
     */
    public static final String CAPTURE_HOST_ID = "capture-host";

    static final Device CAPTURE_HOST = new Device(CAPTURE_HOST_ID, null, false, List.of(), null, List.of(), "unknown",
            null, null, null, 0, Map.of(), List.of(), null, List.of(), List.of(),
            new Device.Identity(null, null, List.of(), List.of(), List.of(), List.of()), List.of(),
            new Device.Traffic(0, 0, 0, 0, 0, 0, 0, 0), null, List.of(), null, null);

    private static boolean loopback(Endpoint e) {
        return e != null && e.ip() != null && e.ip().isLoopback();
    }

    /** A host talking to itself (its own address on both ends): traffic on the capture host's loopback. */
    private static boolean self(Endpoint subject, Endpoint peer) {
        return subject != null && peer != null && subject.ip() != null && subject.ip().equals(peer.ip());
    }

    /** A draft attached to its device; {@code turned} when the device is the peer the detector named. */
    private record Placed(Draft draft, Device device, Endpoint subject, Endpoint peer, String peerHost, boolean turned) implements java.io.Serializable {
    }

    /** The device's part: the type's role, except that an actor's peer is its target. */
    static String role(FindingType t, boolean turned) {
        return turned && t.role().equals("actor") ? "target" : t.role();
    }

    private Finding finding(Placed p, long first, long last, long count, Map<String, Object> evidence, Endpoint peer,
            String peerHost) {
        return finding(p, first, last, count, evidence, peer, peerHost, p.draft.severity);
    }

    private Finding finding(Placed p, long first, long last, long count, Map<String, Object> evidence, Endpoint peer,
            String peerHost, Severity raised) {
        FindingType t = catalog.get(p.draft.type);
        Severity sev = raised != null ? raised : t.severity();
        Finding.Peer fp = peer == null ? null
                : new Finding.Peer(peer.ip() == null ? null : peer.ip().toString(), peer.port(), peerHost);
        Device device = p.device;
        String ip = p.subject.ip() != null ? p.subject.ip().toString()
                : device.ips().isEmpty() ? null : device.ips().get(0).ip();
        Finding.DeviceRef ref = new Finding.DeviceRef(device.id(), device.mac(), ip, role(t, p.turned()));
        return new Finding(p.draft.type, sev, t.title(), ref, fp, EventJson.time(first), EventJson.time(last), count,
                evidence, new Finding.Standards(t.etsi(), t.owasp()), t.fix());
    }
}
