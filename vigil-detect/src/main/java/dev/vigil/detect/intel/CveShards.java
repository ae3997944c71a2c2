package dev.vigil.detect.intel;

import java.util.Set;
import java.util.TreeSet;

/**
 * Where the store keeps a CVE record: one shard per two-letter prefix of each vulnerable vendor's
 * key, so that looking up the CVEs of a device's vendor reads one small file.
 */
final class CveShards {

    /** The shard of records that name no vulnerable component. */
    static final String UNCONFIGURED = "_unconfigured";

    private CveShards() {
    }

    /** The shards a record lives in: one per vulnerable vendor's two-letter prefix. */
    static Set<String> shards(CveRecord c) {
        Set<String> out = new TreeSet<>();
        for (String v : vulnerableVendors(c)) {
            out.add(shardOf(v));
        }
        if (out.isEmpty()) {
            out.add(UNCONFIGURED);
        }
        return out;
    }

    static String shardOf(String vendorKey) {
        String k = vendorKey.isEmpty() ? "__" : vendorKey.length() == 1 ? vendorKey + "_" : vendorKey.substring(0, 2);
        return k;
    }

    /** Vendor keys of the vulnerable components a record names. */
    static Set<String> vulnerableVendors(CveRecord c) {
        Set<String> out = new TreeSet<>();
        if (c.configurations() == null) {
            return out;
        }
        for (CveRecord.Configuration cfg : c.configurations()) {
            for (CveRecord.Node n : cfg.nodes()) {
                for (CveRecord.Match m : n.matches()) {
                    if (m.vulnerable()) {
                        try {
                            out.add(CpeNames.vendorKey(Cpe.parse(m.criteria()).vendor()));
                        } catch (IllegalArgumentException e) {
                            // an unparseable criterion cannot match anything
                        }
                    }
                }
            }
        }
        return out;
    }
}
