package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What each device normally does, and when it stops doing it. For a learning period (packet time)
 * a profile records the destinations a device talks to (by DNS name where it has one, else by /24 or
 * /48 network) and the services it uses; afterwards it reports many new destinations, a new service
 * used widely, and large uploads to new destinations. Alongside, every device has a streaming
 * anomaly model scoring fixed windows of its traffic (flows, destinations, ports, bytes each way,
 * failures, internal peers, new destinations, time of day); a window far outside the device's own
 * history is reported with the features that drove the score.
 */
public final class BehaviorProfiles implements Detector, Bounded, java.io.Serializable {

    static final int MAX_PROFILES = 20_000;
    static final int MAX_MODELS = 1_000;

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final DnsNames names;
    private final long learning;
    private final int minNewDestinations;
    private final int newServiceMinDestinations;
    private final int newServiceMinFlows;
    private final long windowLength;
    private final int minWindows;
    private final double threshold;
    private final int trees;
    private final int sampleSize;
    private final long exfilMinBytes;
    private final double exfilMinRatio;

    private final Keyed<Ip, Profile> profiles = new Keyed<>();
    private final Map<Ip, String> destinations = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Ip, String> e) {
            return size() > 100_000;
        }
    };
    private final Locality locality;
    private int models;

    /** A device's profile, keyed by its address. */
    private final class Profile extends Recent {
        final Ip ip;
        final long first;
        final Set<String> known = new HashSet<>();
        final Set<Integer> services = new HashSet<>();
        final Map<String, Long> fresh = new LinkedHashMap<>();
        final Map<Integer, Set<String>> freshServices = new LinkedHashMap<>();
        final Map<Integer, Long> freshServiceFlows = new HashMap<>();
        final Map<String, long[]> uploads = new LinkedHashMap<>();
        final List<Long> freshIds = new ArrayList<>();
        TrafficWindow window;
        AnomalyModel model;
        final List<double[]> pending = new ArrayList<>();
        long windows;
        double bestScore;
        long bestStart;
        double[] bestPoint;
        double[] bestAttribution;
        long anomalousWindows;
        double maxScore;

        Profile(Ip ip, long first) {
            this.ip = ip;
            this.first = first;
        }

        @Override
        public long bytes() { // the sets and maps at about 64 bytes an entry, the forest at its trees times its samples
            long forest = model == null ? 0 : trees * sampleSize * (TrafficWindow.FEATURES.length * 8L + 96);
            return 256 + forest + 64L * (known.size() + services.size() + fresh.size() + freshServices.size() + uploads.size()
                    + freshIds.size() + pending.size());
        }
    }

    public BehaviorProfiles(FindingRecorder findings, DetectionConfig c, DnsNames names, Locality locality,
            FlowMarks marks) {
        this.findings = findings;
        this.locality = locality;
        this.marks = marks;
        this.names = names;
        this.learning = c.nanos("profile.learning");
        this.minNewDestinations = c.integer("profile.min_new_destinations");
        this.newServiceMinDestinations = c.integer("profile.new_service_min_destinations");
        this.newServiceMinFlows = c.integer("profile.new_service_min_flows");
        this.windowLength = c.nanos("anomaly.window");
        this.minWindows = c.integer("anomaly.min_windows");
        this.threshold = c.number("anomaly.score_threshold");
        this.trees = c.integer("anomaly.trees");
        this.sampleSize = c.integer("anomaly.sample_size");
        this.exfilMinBytes = c.integer("exfil.min_bytes");
        this.exfilMinRatio = c.number("exfil.min_ratio");
    }

    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(profiles);
    }

    @Override
    public void pruned(long cutNanos) {
        models = (int) profiles.values().stream().filter(p -> p.model != null).count(); // less what went
    }

    @Override
    public void accept(Event e) {
        if (e instanceof FlowEnded f) {
            flow(f);
        }
    }

    private String destination(Ip ip) {
        String d = destinations.get(ip);
        if (d == null) {
            d = destinationOf(ip);
            destinations.put(ip, d);
        }
        return d;
    }

    private String destinationOf(Ip ip) {
        String n = names.name(ip);
        if (n != null) {
            return Domains.registered(n);
        }
        byte[] b = ip.toBytes();
        return ip.isV4() ? (b[b.length - 4] & 0xff) + "." + (b[b.length - 3] & 0xff) + "." + (b[b.length - 2] & 0xff) + ".0/24"
                : ip.toString().replaceAll("^(([0-9a-f]*:){3}).*", "$1") + ":/48";
    }

    private void flow(FlowEnded f) {
        FlowMeta m = f.flow();
        Ip client = m.clientIp();
        // only devices of the network get a profile: spoofed or remote sources would each cost a model
        if (client == null || !Flows.unicast(m.serverIp()) || f.clientPackets() == 0 || !locality.likelyLocal(client)) {
            return;
        }
        Profile p = profiles.get(client);
        if (p == null) {
            if (profiles.size() >= MAX_PROFILES) {
                return;
            }
            p = new Profile(client, f.firstSeen());
            profiles.put(client, p);
        }
        long ts = f.ts();
        p.seen(ts);
        boolean external = !Flows.privateish(m.serverIp());
        String dest = external ? destination(m.serverIp()) : null;
        int service = m.ipProtocol() << 16 | m.serverPort();
        boolean fresh = false;
        if (ts < p.first + learning) { // still learning its normal
            if (dest != null && p.known.size() < 10_000) {
                p.known.add(dest);
            }
            if (p.services.size() < 1_000) {
                p.services.add(service);
            }
        } else {
            if (dest != null && !p.known.contains(dest)) {
                fresh = true;
                if (p.fresh.size() < 1_000) {
                    p.fresh.putIfAbsent(dest, f.firstSeen());
                }
                long[] u = p.uploads.computeIfAbsent(dest, k -> new long[2]);
                u[0] += f.clientPayloadBytes();
                u[1] += f.serverPayloadBytes();
                if (marks != null && p.freshIds.size() < 100_000) {
                    p.freshIds.add(m.id());
                }
            }
            if (!p.services.contains(service) && dest != null && p.freshServices.size() < 100) {
                p.freshServices.computeIfAbsent(service, k -> new LinkedHashSet<>()).add(dest);
                p.freshServiceFlows.merge(service, 1L, Long::sum);
            }
        }
        if (p.window == null) {
            p.window = new TrafficWindow(ts - Math.floorMod(ts, windowLength));
        } else if (ts >= p.window.start + windowLength) {
            close(p);
            p.window = new TrafficWindow(ts - Math.floorMod(ts, windowLength));
        }
        p.window.add(f, dest, fresh, !external, marks != null);
    }

    private void close(Profile p) {
        TrafficWindow w = p.window;
        if (w == null || w.flows == 0) {
            return;
        }
        double[] x = w.features();
        p.windows++;
        if (p.model == null) {
            // a model only for devices observed long enough to be scored: short-lived sources cost nothing
            if (p.windows <= minWindows) {
                p.pending.add(x);
                return;
            }
            if (models >= MAX_MODELS) {
                return;
            }
            models++;
            p.model = AnomalyModel.randomCutForest(TrafficWindow.FEATURES.length, trees, sampleSize, p.ip.hashCode() * 31L + 7);
            for (double[] y : p.pending) {
                p.model.update(y);
            }
            p.pending.clear();
        }
        if (p.windows > minWindows) {
            double v = p.model.value(x);
            p.maxScore = Math.max(p.maxScore, v);
            AnomalyModel.Score s = v >= threshold ? p.model.score(x) : null;
            if (s != null) {
                p.anomalousWindows++;
                if (s.value() > p.bestScore) {
                    p.bestScore = s.value();
                    p.bestStart = w.start;
                    p.bestPoint = x;
                    p.bestAttribution = s.attribution();
                }
                if (marks != null) {
                    for (long id : w.ids) {
                        marks.mark(id, "anomaly.behavior");
                    }
                }
            }
        }
        p.model.update(x);
    }

    @Override
    public void finish(DeviceIndex devices) {
        for (Profile p : new TreeMap<>(profiles).values()) {
            close(p);
            p.window = null;
        }
        report(devices);
    }

    /** Mid-analysis: the windows still open stay open (scoring half a window would skew the model). */
    @Override
    public void checkpoint(DeviceIndex devices) {
        report(devices);
    }

    /**
     * The learnt destinations and services of every device type (devices whose own learning is
     * over): what one camera does that other cameras learnt as normal (a cloud every camera of the
     * model uses, an update service the vendor rolled out) is not new for that camera either.
     */
    private Map<String, Peers> peerGroups(DeviceIndex devices) {
        Map<String, Peers> groups = new HashMap<>();
        for (Profile p : profiles.values()) {
            String type = Peers.typeOf(devices, p.ip);
            if (type == null || !devices.isLocal(p.ip)) {
                continue;
            }
            Peers g = groups.computeIfAbsent(type, k -> new Peers());
            g.members++;
            for (String k : p.known) {
                if (g.known.size() >= Peers.MAX) {
                    break;
                }
                g.known.add(k);
            }
            g.services.addAll(p.services);
        }
        return groups;
    }

    private void report(DeviceIndex devices) {
        Map<String, Peers> groups = null;
        // only a profile with something new since learning can report
        for (Map.Entry<Ip, Profile> e : Candidates.of(profiles, p -> !p.fresh.isEmpty() || !p.freshServices.isEmpty()
                || !p.uploads.isEmpty() || p.bestPoint != null)) {
            Profile p = e.getValue();
            if (devices.byIp(p.ip) == null || !devices.isLocal(p.ip)) {
                continue;
            }
            if (groups == null) {
                groups = peerGroups(devices);
            }
            String type = Peers.typeOf(devices, p.ip);
            Peers peers = type == null ? null : groups.get(type);
            if (peers != null && peers.members < 2) {
                peers = null;
            }
            // new to the device and to its peers of the same type
            Map<String, Long> fresh = p.fresh;
            if (peers != null) {
                fresh = new LinkedHashMap<>();
                for (Map.Entry<String, Long> f : p.fresh.entrySet()) {
                    if (!peers.known.contains(f.getKey())) {
                        fresh.put(f.getKey(), f.getValue());
                    }
                }
            }
            // destinations are judged by name; by address alone (flow logs, no DNS) cloud churn looks new
            if (names.any() && fresh.size() >= minNewDestinations && fresh.size() >= 2 * p.known.size()) {
                long first = fresh.values().stream().mapToLong(Long::longValue).min().orElse(0);
                FindingRecorder.Draft d = findings.record("anomaly.new_destinations", Endpoint.of(p.ip), null, null, null, first);
                if (d != null) {
                    d.span(first, first, fresh.size());
                    d.evidence.put("new_destinations", fresh.size());
                    d.evidence.put("known_destinations", p.known.size());
                    if (peers != null) {
                        d.evidence.put("peer_group", type + " (" + peers.members + " devices)");
                        d.evidence.put("known_to_peers", p.fresh.size() - fresh.size());
                    }
                    d.evidence.put("sample", fresh.keySet().stream().limit(10).toList());
                    d.evidence.put("explanation", "after learning " + p.known.size() + " destinations in its first "
                            + learning / 3_600_000_000_000L + " h, the device contacted " + fresh.size() + " new ones"
                            + (peers != null ? ", none of which the other " + (peers.members - 1) + " " + type
                                    + " device(s) learnt as normal" : ""));
                }
                if (marks != null) {
                    for (long id : p.freshIds) {
                        marks.mark(id, "anomaly.new_destinations");
                    }
                }
            }
            for (Map.Entry<Integer, Set<String>> s : p.freshServices.entrySet()) {
                String name = dev.vigil.engine.flow.Transport.of(s.getKey() >>> 16).label() + "/" + (s.getKey() & 0xffff);
                if (s.getValue().size() < newServiceMinDestinations
                        || p.freshServiceFlows.getOrDefault(s.getKey(), 0L) < newServiceMinFlows
                        || peers != null && peers.services.contains(s.getKey())) {
                    continue;
                }
                FindingRecorder.Draft d = findings.record("anomaly.new_service", Endpoint.of(p.ip), null, null, name,
                        p.first + learning);
                if (d != null) {
                    d.evidence.put("service", name);
                    d.evidence.put("destinations", s.getValue().size());
                    d.evidence.put("sample", s.getValue().stream().limit(8).toList());
                    d.evidence.put("explanation", "started using " + name + " with " + s.getValue().size()
                            + " destinations, a service it never used while it was learnt");
                }
            }
            for (Map.Entry<String, long[]> u : p.uploads.entrySet()) {
                long out = u.getValue()[0];
                long in = u.getValue()[1];
                if (out < exfilMinBytes || out < exfilMinRatio * Math.max(1, in)) {
                    continue;
                }
                FindingRecorder.Draft d = findings.record("exfil.large_upload", Endpoint.of(p.ip), null, u.getKey(),
                        u.getKey(), p.fresh.getOrDefault(u.getKey(), p.first));
                if (d != null) {
                    d.evidence.put("destination", u.getKey());
                    d.evidence.put("bytes_out", out);
                    d.evidence.put("bytes_in", in);
                    d.evidence.put("explanation", "sent " + out / 1_000_000 + " MB to " + u.getKey()
                            + ", a destination it never used while it was learnt, receiving " + in / 1_000_000 + " MB");
                }
            }
            if (p.bestScore >= threshold && p.bestPoint != null) {
                FindingRecorder.Draft d = findings.record("anomaly.behavior", Endpoint.of(p.ip), null, null, null,
                        p.bestStart);
                if (d != null) {
                    d.span(p.bestStart, p.bestStart + windowLength, p.anomalousWindows);
                    d.evidence.put("score", ScanDetector.round(p.bestScore));
                    d.evidence.put("threshold", threshold);
                    d.evidence.put("windows_scored", p.windows - minWindows);
                    d.evidence.put("anomalous_windows", p.anomalousWindows);
                    Map<String, Object> drivers = TrafficWindow.drivers(p.bestAttribution, p.bestPoint, p.bestScore);
                    d.evidence.put("drivers", drivers);
                    d.evidence.put("explanation", "a " + Flows.lasting(windowLength) + " window scored "
                            + ScanDetector.round(p.bestScore) + " against the device's own history (threshold " + threshold
                            + "), driven by " + String.join(", ", drivers.keySet()));
                }
            }
        }
    }}
