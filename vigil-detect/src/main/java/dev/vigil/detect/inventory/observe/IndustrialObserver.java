package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.detect.inventory.StationState;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.proto.ics.IndustrialIdentity;
import dev.vigil.engine.proto.ics.ProfinetIdentity;

/**
 * What industrial and building-automation devices state when asked who they are (Modbus device
 * identification, EtherNet/IP ListIdentity, S7 system status lists, BACnet device properties,
 * PROFINET DCP): the
 * product, order number and firmware in the device's own words, the vendor by name or by its
 * registry number ({@code enip.vendor_id}, {@code bacnet.vendor_id}: the rules name them). The
 * identity is the sender's.
 */
public final class IndustrialObserver implements Observer {

    @Override
    public void register(Registrations on) {
        on.read(IndustrialIdentity.class, IndustrialObserver::identity);
        on.read(ProfinetIdentity.class, IndustrialObserver::dcp);
    }

    /** A PROFINET device's DCP answer: a station on this link, its name, product family, role and address. */
    static void dcp(ProfinetIdentity p, Sightings s) {
        if (p.srcMac() == null) {
            return;
        }
        long mac = p.srcMac().bits();
        StationState st = s.station(mac, p.ts());
        st.onLink();
        st.observe("hostname.dcp", p.nameOfStation(), p.ts(), 8);
        st.observe("ics.product", p.typeOfStation(), p.ts(), 8);
        if (p.vendorId() != null) {
            st.observe("profinet.vendor_id", p.vendorId().toString(), p.ts(), 8);
        }
        for (String role : p.roles()) {
            st.observe("profinet.role", role, p.ts(), 8);
        }
        if (p.ip() != null) {
            s.bind(Ip.parse(p.ip()), mac, p.ts());
        }
        if (p.vlan() != null) {
            st.vlan(p.vlan());
        }
    }

    static void identity(IndustrialIdentity i, Sightings s) {
        boolean server = !i.fromClient();
        observe(s, i, server, "ics.vendor", i.vendor());
        if (i.vendorId() != null) {
            observe(s, i, server, i.protocol() + ".vendor_id", i.vendorId().toString());
        }
        observe(s, i, server, "ics.device_type", i.deviceType());
        observe(s, i, server, "ics.product", i.product());
        observe(s, i, server, "ics.model", i.model());
        observe(s, i, server, "ics.firmware", i.firmware());
        observe(s, i, server, "hostname.ics", i.name());
    }

    private static void observe(Sightings s, IndustrialIdentity i, boolean server, String source, String value) {
        if (value != null) {
            s.observe(i.flow(), server, source, value, i.ts());
        }
    }
}
