package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.engine.proto.discovery.VendorIdentity;

/**
 * What a device states of itself in its vendor's discovery protocol (Ubiquiti Discovery, TP-Link
 * Kasa): the maker, product line, model, firmware and name in the device's own words, as
 * {@code <protocol>.vendor}, {@code .platform}, {@code .product}, {@code .model}, {@code .firmware},
 * {@code .hardware}, {@code .description} and {@code hostname.<protocol>}; the rules read them.
 * The identity is the sender's.
 */
public final class VendorObserver implements Observer {

    @Override
    public void register(Registrations on) {
        on.read(VendorIdentity.class, VendorObserver::identity);
    }

    static void identity(VendorIdentity v, Sightings s) {
        boolean server = !v.fromClient();
        String p = v.protocol();
        observe(s, v, server, p + ".vendor", v.vendor());
        observe(s, v, server, p + ".platform", v.platform());
        observe(s, v, server, p + ".product", v.product());
        observe(s, v, server, p + ".model", v.model());
        observe(s, v, server, p + ".firmware", v.firmware());
        observe(s, v, server, p + ".hardware", v.hardware());
        observe(s, v, server, p + ".description", v.description());
        observe(s, v, server, "hostname." + p, v.name());
    }

    private static void observe(Sightings s, VendorIdentity v, boolean server, String source, String value) {
        if (value != null) {
            s.observe(v.flow(), server, source, value, v.ts());
        }
    }
}
