package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Cidr;
import java.util.List;
import java.util.Map;

/**
 * What an exception may open, by name: its services, the multicast groups its discovery uses, and
 * whether both sides start flows. Built in: {@code mdns} (RFC 6762: udp/5353 to 224.0.0.251 and
 * ff02::fb, both ways), {@code ssdp} (UPnP Device Architecture 2.0: udp/1900 to 239.255.255.250 and
 * ff02::c, both ways) and {@code app-control} (a phone app driving a device over HTTP, HTTPS and
 * RTSP: tcp/80, 443, 554, 8080, 8443, one way). A policy may define its own.
 *
 * @param name the template's name
 * @param services what it opens
 * @param groups multicast groups both sides may send to, or none
 * @param bothWays the other side may start flows back
 */
public record Template(String name, List<Service> services, List<Cidr> groups, boolean bothWays) {

    public Template {
        services = List.copyOf(services);
        groups = List.copyOf(groups);
    }

    public static final Map<String, Template> BUILT_IN = Map.of(
            "mdns", new Template("mdns", Service.parse("udp/5353"),
                    List.of(Cidr.parse("224.0.0.251/32"), Cidr.parse("ff02::fb/128")), true),
            "ssdp", new Template("ssdp", Service.parse("udp/1900"),
                    List.of(Cidr.parse("239.255.255.250/32"), Cidr.parse("ff02::c/128")), true),
            "app-control", new Template("app-control", Service.parse("tcp/80,443,554,8080,8443"), List.of(), false));
}
