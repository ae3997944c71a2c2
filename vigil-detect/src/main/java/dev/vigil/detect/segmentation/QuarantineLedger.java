package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is in quarantine, why, since and until when, and every block and release that led there:
 * catch-and-release as Zeek's NetControl does it, each repeat offence within the memory holding
 * the device longer (10 minutes, 1 hour, 1 day, 7 days by default). Pure: times come in as
 * arguments; the events are what goes to the audit log.
 */
public final class QuarantineLedger {

    /**
     * @param steps how long each offence holds, the last one for every offence past it
     * @param memory offences older than this no longer count towards the next duration
     */
    public record Settings(List<Duration> steps, Duration memory) {
        public static final Settings DEFAULT = new Settings(List.of(Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofDays(1), Duration.ofDays(7)), Duration.ofDays(30));

        public Settings {
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("catch-and-release needs at least one duration");
            }
        }
    }

    /**
     * One block or release, for the audit log.
     *
     * @param kind "block" or "release"
     * @param device the device's id
     * @param addresses its addresses
     * @param reason the findings, or what the person wrote
     * @param by "auto" or the person
     * @param at when (nanoseconds)
     * @param until a block's end (nanoseconds), or 0 for a release
     * @param offence the block's rank among the device's remembered offences
     */
    public record Event(String kind, String device, List<String> addresses, String reason, String by, long at, long until,
            int offence) {
    }

    private final Settings settings;
    private final List<Quarantine> history = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    public QuarantineLedger(Settings settings, List<Quarantine> saved) {
        this.settings = settings;
        history.addAll(saved);
    }

    /**
     * Blocks a device, or returns its quarantine in force.
     *
     * @return the quarantine in force for the device after the call
     */
    public Quarantine block(String device, List<Ip> addresses, String reason, String by, long at) {
        Quarantine now = active(device, at);
        if (now != null) {
            return now;
        }
        long memory = settings.memory().toNanos();
        int offence = 1;
        for (Quarantine q : history) {
            if (q.device().equals(device) && q.from() > at - memory) {
                offence++;
            }
        }
        Duration d = settings.steps().get(Math.min(offence, settings.steps().size()) - 1);
        Quarantine q = new Quarantine(device, addresses, reason, by, at, at + d.toNanos(), offence);
        history.add(q);
        events.add(new Event("block", device, addresses.stream().map(Ip::toString).toList(), reason, by, at, q.until(),
                offence));
        return q;
    }

    /**
     * Ends a device's quarantine early.
     *
     * @return the quarantine released, or null when none was in force
     */
    public Quarantine release(String device, String reason, String by, long at) {
        for (int i = 0; i < history.size(); i++) {
            Quarantine q = history.get(i);
            if (q.device().equals(device) && q.activeAt(at)) {
                Quarantine ended = new Quarantine(q.device(), q.addresses(), q.reason(), q.by(), q.from(), at, q.offence());
                history.set(i, ended);
                events.add(new Event("release", device, q.addresses().stream().map(Ip::toString).toList(), reason, by, at, 0,
                        q.offence()));
                return ended;
            }
        }
        return null;
    }

    public Quarantine active(String device, long at) {
        for (Quarantine q : history) {
            if (q.device().equals(device) && q.activeAt(at)) {
                return q;
            }
        }
        return null;
    }

    /** Every quarantine in force at {@code at}. */
    public List<Quarantine> active(long at) {
        return history.stream().filter(q -> q.activeAt(at)).toList();
    }

    /** Every quarantine, past and present (what a store keeps). */
    public List<Quarantine> history() {
        return List.copyOf(history);
    }

    /** The blocks and releases of this ledger's life, in order. */
    public List<Event> events() {
        return List.copyOf(events);
    }
}
