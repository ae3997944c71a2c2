package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.Observer;
import java.util.List;

/**
 * Every inventory observer, one line each, in the order they read an event. A dissector whose
 * events tell something about devices adds its observer here.
 */
public final class Observers {

    public static final List<Observer> ALL = List.of(
            new TrafficObserver(),
            new L2Observer(),
            new DhcpObserver(),
            new DnsObserver(),
            new DiscoveryObserver(),
            new HttpObserver(),
            new TlsObserver(),
            new SnmpObserver(),
            new IndustrialObserver(),
            new VendorObserver(),
            new SyslogObserver(),
            new BannerObserver());

    private Observers() {
    }
}
