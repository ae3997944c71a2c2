package dev.vigil.engine.proto.dns;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import java.util.List;

/**
 * A DNS, mDNS or LLMNR message (RFC 1035, RFC 6762, RFC 4795).
 *
 * @param ts packet time
 * @param flow the flow
 * @param fromClient sent by the flow's client (else by its server): a response describes its sender
 * @param protocol "dns", "mdns" or "llmnr"
 * @param id message id
 * @param response QR bit
 * @param opcode 0 query, 4 notify, 5 update, …
 * @param rcode response code (0 NOERROR, 3 NXDOMAIN, …)
 * @param authoritative AA bit
 * @param truncated TC bit
 * @param recursionDesired RD bit
 * @param questions question section
 * @param answers answer section
 * @param authorities authority section
 * @param additionals additional section (mDNS puts SRV, TXT and addresses here)
 */
public record DnsMessage(long ts, FlowMeta flow, boolean fromClient, String protocol, int id, boolean response, int opcode, int rcode,
        boolean authoritative, boolean truncated, boolean recursionDesired, List<Question> questions,
        List<ResourceRecord> answers, List<ResourceRecord> authorities, List<ResourceRecord> additionals)
        implements FlowEvent {

    /**
     * @param name query name, dotted, without the trailing dot
     * @param type record type name ("A", "PTR", "TYPE65")
     * @param unicastResponse the mDNS QU bit (RFC 6762 §5.4)
     */
    public record Question(String name, String type, boolean unicastResponse) {
    }

    /**
     * @param name owner name
     * @param type record type name
     * @param ttl time to live in seconds
     * @param data presentation form of the data (address, name, "priority weight port target" for
     *     SRV); null for TXT, whose strings are in {@code txt}
     * @param txt TXT strings (RFC 6763 §6 key=value pairs for DNS-SD)
     */
    public record ResourceRecord(String name, String type, long ttl, String data, List<String> txt) {
    }

    @Override
    public String kind() {
        return protocol;
    }

    /** All records of all sections. */
    public List<ResourceRecord> records() {
        if (authorities.isEmpty() && additionals.isEmpty()) {
            return answers;
        }
        java.util.ArrayList<ResourceRecord> all = new java.util.ArrayList<>(answers);
        all.addAll(authorities);
        all.addAll(additionals);
        return all;
    }
}
