package dev.vigil.engine.proto.netbios;

import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.wire.Bytes;
import dev.vigil.engine.wire.WireReader;
import java.util.ArrayList;
import java.util.List;

/** Parses NBNS messages and NBDS browser announcements. Pure. */
final class NetbiosParser {

    private static final String[] SERVER_TYPES = {"workstation", "server", "sql_server", "domain_controller",
        "backup_controller", "time_source", "apple", "novell", "domain_member", "print_queue", "dialin",
        "xenix", "nt", "wfw", "server_mfpn", "nt_server", "potential_browser", "backup_browser", "master_browser",
        "domain_master", "osf", "vms", "windows_95_plus", "dfs", "cluster_nt", "terminal_server",
        "cluster_vs_nt", "dce", "alternate_transport", "local_list_only"};

    private NetbiosParser() {
    }

    /** RFC 1002 §4.2.1: DNS-like header, first-level-encoded question name, optional NB resource record. */
    static NetbiosName name(long ts, FlowMeta flow, byte[] b, int off, int len) {
        WireReader r = new WireReader(b, off, len);
        r.u16();
        int flags = r.u16();
        int qd = r.u16();
        int an = r.u16();
        r.u16();
        int ar = r.u16();
        if (!r.ok()) {
            return null;
        }
        boolean response = (flags & 0x8000) != 0;
        int opcode = (flags >>> 11) & 0xf;
        String op = switch (opcode) {
            case 0 -> "query";
            case 5 -> "registration";
            case 6 -> "release";
            case 7 -> "wack";
            case 8, 9 -> "refresh";
            case 15 -> "multihomed_registration";
            default -> "opcode_" + opcode;
        };
        String[] decoded = encodedName(r);
        if (decoded == null) {
            return null;
        }
        if (qd > 0) {
            r.skip(4);
        }
        Ip address = null;
        boolean group = false;
        if (an + ar > 0 && r.remaining() >= 2) {
            // the resource record's name is usually a pointer to the question (0xc00c)
            if ((r.peekU8() & 0xc0) == 0xc0) {
                r.skip(2);
            } else if (encodedName(r) == null) {
                return new NetbiosName(ts, flow, op, response, decoded[0], Integer.parseInt(decoded[1]), false, null);
            }
            int type = r.u16();
            r.skip(6);
            int rdlen = r.u16();
            if (r.ok() && type == 0x20 && rdlen >= 6) {
                int nbFlags = r.u16();
                group = (nbFlags & 0x8000) != 0;
                address = Ip.ofV4(r.i32());
            }
        }
        return new NetbiosName(ts, flow, op, response, decoded[0], Integer.parseInt(decoded[1]), group,
                r.ok() ? address : null);
    }

    /** Reads a 32-byte first-level-encoded name (RFC 1001 §14.1) and skips its scope; {name, suffix}. */
    private static String[] encodedName(WireReader r) {
        int l = r.u8();
        if (l != 32 || !r.has(32)) {
            return null;
        }
        byte[] b = r.array();
        int p = r.position();
        StringBuilder sb = new StringBuilder(16);
        int suffix = 0;
        for (int i = 0; i < 16; i++) {
            int hi = (b[p + 2 * i] & 0xff) - 'A';
            int lo = (b[p + 2 * i + 1] & 0xff) - 'A';
            if (hi < 0 || hi > 15 || lo < 0 || lo > 15) {
                return null;
            }
            int c = (hi << 4) | lo;
            if (i == 15) {
                suffix = c;
            } else {
                sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
            }
        }
        r.skip(32);
        while (r.remaining() > 0) {
            int sl = r.u8();
            if (sl == 0) {
                break;
            }
            r.skip(sl);
        }
        return new String[] {sb.toString().stripTrailing(), Integer.toString(suffix)};
    }

    /**
     * RFC 1002 §4.4 direct/group datagram carrying an SMB mailslot write to \MAILSLOT\BROWSE; the
     * browser frame follows the mailslot name. Only host and local-master announcements are read.
     */
    static BrowserAnnouncement browser(long ts, FlowMeta flow, boolean fromClient, byte[] b, int off, int len) {
        if (len < 14 || (b[off] & 0xff) < 0x10 || (b[off] & 0xff) > 0x12) {
            return null;
        }
        int slot = indexOf(b, off, off + len, "\\MAILSLOT\\BROWSE\0");
        if (slot < 0) {
            return null;
        }
        int p = slot + 17;
        WireReader r = new WireReader(b, p, off + len - p);
        int opcode = r.u8();
        if (opcode != 1 && opcode != 0x0f) {
            return null;
        }
        r.u8();
        r.u32();
        String name = r.latin1(16);
        int major = r.u8();
        int minor = r.u8();
        long type = Integer.toUnsignedLong(Integer.reverseBytes(r.i32()));
        r.skip(4);
        int commentStart = r.position();
        if (!r.ok()) {
            return null;
        }
        int commentEnd = commentStart;
        while (commentEnd < off + len && b[commentEnd] != 0 && commentEnd - commentStart < 256) {
            commentEnd++;
        }
        List<String> types = new ArrayList<>();
        for (int i = 0; i < SERVER_TYPES.length; i++) {
            if ((type & (1L << i)) != 0) {
                types.add(SERVER_TYPES[i]);
            }
        }
        String comment = Bytes.latin1(b, commentStart, commentEnd - commentStart).trim();
        return new BrowserAnnouncement(ts, flow, fromClient, name.replace("\0", "").trim(), major, minor, List.copyOf(types),
                comment.isEmpty() ? null : comment);
    }

    private static int indexOf(byte[] b, int from, int end, String s) {
        outer:
        for (int i = from; i + s.length() <= end; i++) {
            for (int j = 0; j < s.length(); j++) {
                if (Character.toUpperCase((char) (b[i + j] & 0xff)) != s.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
