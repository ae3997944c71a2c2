package dev.vigil.detect.segmentation;

import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventSink;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.proto.dns.DnsMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What policy work needs from observed traffic: the flows, the DNS answers (and who gave them),
 * and, once the inventory is resolved, the devices. Collects from the engine's events as an
 * {@link EventSink}; bounded, counting what it had to leave out.
 */
public final class Observations implements EventSink {

    /** Flows kept; past it the rest are counted in {@link #dropped()}. */
    public static final int MAX_FLOWS = 2_000_000;
    /** DNS bindings kept. */
    public static final int MAX_ANSWERS = 1_000_000;

    private final List<FlowEnded> flows = new ArrayList<>();
    private final List<DnsAnswer> answers = new ArrayList<>();
    private final Set<Ip> answerers = new TreeSet<>();
    private List<Device> devices = List.of();
    private long dropped;

    @Override
    public void accept(Event e) {
        if (e instanceof FlowEnded f) {
            if (flows.size() < MAX_FLOWS) {
                flows.add(f);
            } else {
                dropped++;
            }
        } else if (e instanceof DnsMessage m && m.response() && m.protocol().equals("dns")) {
            List<DnsAnswer> a = DnsAnswer.of(m);
            if (!a.isEmpty()) {
                answerers.add(m.flow().serverIp());
            }
            for (DnsAnswer x : a) {
                if (answers.size() < MAX_ANSWERS) {
                    answers.add(x);
                } else {
                    dropped++;
                }
            }
        }
    }

    /** Adds DNS answers seen elsewhere (the service's), and the addresses that gave them. */
    public void answers(List<DnsAnswer> more, java.util.Collection<Ip> from) {
        for (DnsAnswer a : more) {
            if (answers.size() < MAX_ANSWERS) {
                answers.add(a);
            }
        }
        answerers.addAll(from);
    }

    /** Adds flows read elsewhere (the service's stored flows). */
    public void flows(List<FlowEnded> more) {
        for (FlowEnded f : more) {
            if (flows.size() < MAX_FLOWS) {
                flows.add(f);
            } else {
                dropped++;
            }
        }
    }

    /** Adds another observation's DNS answers and answerers (its flows go through {@link #accept}). */
    public void merge(Observations other) {
        for (DnsAnswer a : other.answers) {
            if (answers.size() < MAX_ANSWERS) {
                answers.add(a);
            }
        }
        answerers.addAll(other.answerers);
    }

    /** The same observation with other flows (a part of its time, for held-out evaluation). */
    public Observations withFlows(List<FlowEnded> only) {
        Observations o = new Observations();
        o.flows.addAll(only);
        o.answers.addAll(answers);
        o.answerers.addAll(answerers);
        o.devices = devices;
        return o;
    }

    public void devices(List<Device> d) {
        this.devices = List.copyOf(d);
    }

    /** Flows in order of their first packet. */
    public List<FlowEnded> flows() {
        List<FlowEnded> out = new ArrayList<>(flows);
        out.sort(Comparator.comparingLong(FlowEnded::firstSeen).thenComparingLong(f -> f.flow().id()));
        return out;
    }

    public List<DnsAnswer> answers() {
        return answers;
    }

    /** Addresses that answered DNS queries. */
    public List<Ip> answerers() {
        return List.copyOf(answerers);
    }

    public List<Device> devices() {
        return devices;
    }

    public DnsView dnsView(long marginSeconds) {
        DnsView v = new DnsView(marginSeconds);
        v.addAll(answers);
        return v;
    }

    public long dropped() {
        return dropped;
    }
}
