package dev.vigil.inputs.netflow;

/**
 * The bounds of a NetFlow/IPFIX collector: what any sender on the network can make it hold or do.
 * Every datagram's source address is an exporter (UDP sources are trivially spoofed), so the state
 * kept per exporter and in total is bounded, and so is the rate at which one exporter is heard.
 *
 * @param exporters exporters whose templates and sequence numbers are kept; a new one beyond this
 *     replaces the one heard from least recently
 * @param templatesPerExporter templates and options templates kept for one exporter (all its
 *     observation domains); a new one beyond this replaces that exporter's least recently used one
 * @param templates templates kept in total; a new one beyond this replaces the least recently used
 *     template of the exporter heard from least recently
 * @param domainsPerExporter observation domains (v9 source ids, IPFIX domain ids, v5 engines) whose
 *     sequence numbers and start times are kept per exporter
 * @param fieldsPerTemplate fields one template may have; a template with more is refused
 * @param datagramsPerSecond datagrams a second one exporter may send on average; more are dropped
 *     before decoding and counted
 * @param datagramBurst datagrams one exporter may send at once above that rate
 */
public record NetflowLimits(int exporters, int templatesPerExporter, int templates, int domainsPerExporter,
        int fieldsPerTemplate, int datagramsPerSecond, int datagramBurst) {

    /**
     * Room for a large estate: a thousand exporters, hundreds of templates each (routers send a few
     * dozen), 256 fields per template (Cisco's widest are under 100), and 10,000 datagrams a second
     * per exporter (about 240,000 flow records a second), with a burst of twice that.
     */
    public static final NetflowLimits DEFAULT = new NetflowLimits(1024, 256, 8192, 64, 256, 10_000, 20_000);

    public NetflowLimits {
        if (exporters < 1 || templatesPerExporter < 1 || templates < 1 || domainsPerExporter < 1 || fieldsPerTemplate < 1
                || datagramsPerSecond < 1 || datagramBurst < 1) {
            throw new IllegalArgumentException("every NetFlow limit must be at least 1");
        }
    }
}
