package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.util.List;
import java.util.Locale;

/**
 * One side of a rule: a zone, every address, DNS names, address blocks, a controller class, the
 * local networks, or devices of one manufacturer. The kinds mirror RFC 8520's abstractions
 * (ietf-mud matches: controller, local-networks, same-manufacturer, manufacturer, model; and
 * ietf-acldns names), so a MUD file and a policy file say the same things.
 */
public sealed interface Target {

    /** The form the policy file uses. */
    String text();

    /** A zone of the policy, by name. */
    record ZoneRef(String name) implements Target {
        public String text() {
            return name;
        }
    }

    /** Every address. */
    record Any() implements Target {
        public String text() {
            return "any";
        }
    }

    /**
     * Addresses that observed DNS answers gave for a name: {@code name:cloud.example.com}, or every
     * name under a domain with {@code name:*.example.com}.
     */
    record Name(String name) implements Target {
        public Name {
            name = normal(name);
        }

        public String text() {
            return "name:" + name;
        }

        /** Whether a name from a DNS answer is this one (or below it, for a wildcard). */
        public boolean covers(String answered) {
            String a = normal(answered);
            if (name.startsWith("*.")) {
                return a.endsWith(name.substring(1));
            }
            return a.equals(name);
        }

        static String normal(String n) {
            String s = n.toLowerCase(Locale.ROOT);
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
    }

    /** Address blocks: {@code net:10.20.0.0/16,fd00::/8}. */
    record Net(List<Cidr> blocks) implements Target {
        public Net {
            blocks = List.copyOf(blocks);
        }

        public String text() {
            return "net:" + String.join(",", blocks.stream().map(Cidr::toString).toList());
        }

        public boolean contains(Ip ip) {
            for (Cidr c : blocks) {
                if (c.contains(ip)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The addresses of a controller class (RFC 8520 "controller"): {@code controller:dns} is the
     * network's resolvers ({@code urn:ietf:params:mud:dns}), {@code controller:ntp} its time servers
     * ({@code urn:ietf:params:mud:ntp}); any other URI names a class the policy lists addresses for.
     */
    record Controller(String uri) implements Target {
        public static final String DNS = "urn:ietf:params:mud:dns";
        public static final String NTP = "urn:ietf:params:mud:ntp";

        public Controller {
            uri = switch (uri.toLowerCase(Locale.ROOT)) {
                case "dns" -> DNS;
                case "ntp" -> NTP;
                default -> uri;
            };
        }

        public String text() {
            return "controller:" + (uri.equals(DNS) ? "dns" : uri.equals(NTP) ? "ntp" : uri);
        }
    }

    /** The policy's local networks (RFC 8520 "local-networks"). */
    record LocalNetworks() implements Target {
        public String text() {
            return "local-networks";
        }
    }

    /**
     * Devices made by the same manufacturer as the device on the other side of the rule (RFC 8520
     * "same-manufacturer": the authority of the MUD URL, or the vendor when there is none).
     */
    record SameManufacturer() implements Target {
        public String text() {
            return "same-manufacturer";
        }
    }

    /** Devices of one manufacturer (RFC 8520 "manufacturer": a MUD URL authority, or a vendor). */
    record Manufacturer(String name) implements Target {
        public String text() {
            return "manufacturer:" + name;
        }
    }
}
