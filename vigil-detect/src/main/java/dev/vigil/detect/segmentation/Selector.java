package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One condition of a zone: an inventory attribute compared with one or more values
 * ({@code type=camera,doorbell}, {@code subnet=10.20.0.0/16}, {@code tier!=quarantined}). Text values
 * compare without case and may hold {@code *} wildcards. An endpoint that lacks the attribute (an
 * address of no device has only its address) fails {@code =} and passes {@code !=}.
 *
 * @param attribute what is compared
 * @param negated {@code !=}: none of the values may match
 * @param values the values, as written
 * @param blocks the values of a subnet selector, parsed (empty for other attributes)
 */
public record Selector(Attribute attribute, boolean negated, List<String> values, List<Cidr> blocks) {

    /** What a selector can compare. */
    public enum Attribute {
        DEVICE("device"), TYPE("type"), VENDOR("vendor"), MODEL("model"), SUBNET("subnet"), VLAN("vlan"), SITE("site"),
        CRITICALITY("criticality"), TAG("tag"), TIER("tier"), MANUFACTURER("manufacturer");

        public final String keyword;

        Attribute(String keyword) {
            this.keyword = keyword;
        }

        public static Attribute of(String keyword) {
            for (Attribute a : values()) {
                if (a.keyword.equals(keyword) || (a == TAG && keyword.equals("tags"))) {
                    return a;
                }
            }
            return null;
        }

        /** Attributes that come from classification and wait for {@link Membership}. */
        public boolean classified() {
            return this == TYPE || this == VENDOR || this == MODEL;
        }
    }

    public Selector {
        values = List.copyOf(values);
        blocks = List.copyOf(blocks);
    }

    /** Checks the values can be compared (CIDR blocks, VLAN numbers), naming the bad one. */
    public static Selector of(Attribute attribute, boolean negated, List<String> values) {
        List<Cidr> blocks = new java.util.ArrayList<>();
        for (String v : values) {
            if (attribute == Attribute.SUBNET) {
                blocks.add(Cidr.parse(v));
            } else if (attribute == Attribute.VLAN) {
                try {
                    int n = Integer.parseInt(v);
                    if (n < 0 || n > 4095) {
                        throw new IllegalArgumentException("VLAN " + v + " is out of range (0-4095)");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("VLAN '" + v + "' is not a number");
                }
            }
        }
        return new Selector(attribute, negated, values, blocks);
    }

    /**
     * Whether the endpoint passes.
     *
     * @param s the device the address belongs to, or null for an address of no device
     * @param address the address the endpoint used
     */
    public boolean test(Subject s, Ip address) {
        if (attribute == Attribute.SUBNET) {
            boolean in = false;
            for (Cidr c : blocks) {
                in |= c.contains(address);
            }
            return negated != in;
        }
        boolean any = false;
        for (String v : values) {
            if (one(s, address, v)) {
                any = true;
                break;
            }
        }
        return negated != any;
    }

    private boolean one(Subject s, Ip address, String v) {
        return switch (attribute) {
            case SUBNET -> false;
            case DEVICE -> s != null && (v.equalsIgnoreCase(s.id()) || v.equalsIgnoreCase(s.mac())
                    || ("mac:" + s.mac()).equalsIgnoreCase(v));
            case TYPE -> s != null && glob(v, s.type());
            case VENDOR -> s != null && glob(v, s.vendor());
            case MODEL -> s != null && glob(v, s.model());
            case SITE -> s != null && glob(v, s.site());
            case CRITICALITY -> s != null && glob(v, s.criticality());
            case TIER -> s != null && glob(v, s.tier());
            case MANUFACTURER -> s != null && glob(v, s.manufacturer());
            case TAG -> s != null && s.tags().stream().anyMatch(t -> glob(v, t));
            case VLAN -> s != null && s.vlans().contains(Integer.parseInt(v));
        };
    }

    static boolean glob(String pattern, String value) {
        if (value == null) {
            return false;
        }
        if (pattern.indexOf('*') < 0) {
            return pattern.equalsIgnoreCase(value);
        }
        StringBuilder re = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part.toLowerCase(Locale.ROOT)));
        }
        return value.toLowerCase(Locale.ROOT).matches(re.toString());
    }

    @Override
    public String toString() {
        return attribute.keyword + (negated ? "!=" : "=") + String.join(",", values);
    }
}
