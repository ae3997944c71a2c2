package dev.vigil.engine.capture;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * pcapng files (draft-ietf-opsawg-pcapng): several sections, interfaces and link types in one
 * file; Enhanced, Simple and obsolete Packet Blocks; per-interface time-stamp resolution
 * ({@code if_tsresol}) and offset ({@code if_tsoffset}). Other blocks are skipped by length.
 */
final class PcapNgReader implements PacketSource {

    static final int SHB = 0x0A0D0D0A;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int IDB = 1;
    private static final int OPB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int OPT_END = 0;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;

    static final Anomaly BAD_BLOCK_LENGTH = Anomaly.declare("pcapng.bad_block_length",
            "a block length that is too small, unaligned or above the limit: the rest of the file is unreadable");
    static final Anomaly TRUNCATED_BLOCK = Anomaly.declare("pcapng.truncated_block",
            "the file ends inside a block");
    static final Anomaly UNKNOWN_INTERFACE = Anomaly.declare("pcapng.unknown_interface",
            "a packet block naming an interface that no Interface Description Block declared");
    static final Anomaly BAD_PACKET_LENGTH = Anomaly.declare("pcapng.bad_packet_length",
            "a packet block whose captured length does not fit in the block");
    static final Anomaly BAD_SECTION = Anomaly.declare("pcapng.bad_section_header",
            "a section header block with an unknown byte-order magic");

    private final CaptureInput in;
    private final AnomalyCounters anomalies;
    private final ByteCounter counter;
    private final long total;
    private final String format;
    private final int maxRecord;
    private boolean swapped;
    private int ifCount;
    private int[] ifLinkType = new int[4];
    private int[] ifSnaplen = new int[4];
    /** Time-stamp unit per interface: negative k means 2^-k seconds, positive k means 10^-k seconds. */
    private int[] ifResol = new int[4];
    private long[] ifOffsetNanos = new long[4];
    private boolean done;

    PcapNgReader(CaptureInput in, AnomalyCounters anomalies, ByteCounter counter, long total, String format,
            CaptureLimits limits) throws IOException, CaptureFormatException {
        this.in = in;
        this.anomalies = anomalies;
        this.counter = counter;
        this.total = total;
        this.format = format;
        this.maxRecord = limits.maxRecordBytes();
        if (!in.ensure(12)) {
            throw new CaptureFormatException("truncated pcapng section header");
        }
        int magic = be32(in.buffer(), in.position() + 8);
        if (magic != BYTE_ORDER_MAGIC && Integer.reverseBytes(magic) != BYTE_ORDER_MAGIC) {
            throw new CaptureFormatException("not a pcapng file (bad byte-order magic)");
        }
    }

    private static int be32(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private int r32(byte[] b, int p) {
        int v = be32(b, p);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private int r16(byte[] b, int p) {
        int v = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
        return swapped ? Integer.reverseBytes(v) >>> 16 : v;
    }

    @Override
    public boolean next(RawPacket packet) throws IOException {
        try {
            return block(packet);
        } catch (RuntimeException | StackOverflowError e) {
            anomalies.faults().record(PcapReader.READER_FAULT, e);
            done = true;
            return false;
        }
    }

    private boolean block(RawPacket packet) throws IOException {
        while (!done) {
            if (!in.ensure(12)) {
                if (in.available() > 0) {
                    anomalies.count(TRUNCATED_BLOCK);
                }
                done = true;
                return false;
            }
            byte[] b = in.buffer();
            int p = in.position();
            int type = be32(b, p);
            if (type == SHB) {
                int bom = be32(b, p + 8);
                if (bom == BYTE_ORDER_MAGIC) {
                    swapped = false;
                } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
                    swapped = true;
                } else {
                    anomalies.count(BAD_SECTION);
                    done = true;
                    return false;
                }
                ifCount = 0;
            } else {
                type = r32(b, p);
            }
            int len = r32(b, p + 4);
            if (len < 12 || (len & 3) != 0 || len > maxRecord) {
                anomalies.count(BAD_BLOCK_LENGTH);
                done = true;
                return false;
            }
            if (!in.ensure(len)) {
                anomalies.count(TRUNCATED_BLOCK);
                done = true;
                return false;
            }
            b = in.buffer();
            p = in.position();
            boolean got = switch (type) {
                case EPB -> enhanced(b, p, len, packet);
                case SPB -> simple(b, p, len, packet);
                case OPB -> obsolete(b, p, len, packet);
                case IDB -> {
                    interfaceDescription(b, p, len);
                    yield false;
                }
                default -> false;
            };
            in.advance(len);
            if (got) {
                return true;
            }
        }
        return false;
    }

    private boolean enhanced(byte[] b, int p, int len, RawPacket packet) {
        if (len < 32) {
            anomalies.count(BAD_BLOCK_LENGTH);
            return false;
        }
        int ifId = r32(b, p + 8);
        long ts = ((long) r32(b, p + 12) << 32) | (r32(b, p + 16) & 0xffffffffL);
        int caplen = r32(b, p + 20);
        int wirelen = r32(b, p + 24);
        return deliver(b, p + 28, len - 32, ifId, ts, caplen, wirelen, packet);
    }

    private boolean obsolete(byte[] b, int p, int len, RawPacket packet) {
        if (len < 32) {
            anomalies.count(BAD_BLOCK_LENGTH);
            return false;
        }
        int ifId = r16(b, p + 8);
        long ts = ((long) r32(b, p + 12) << 32) | (r32(b, p + 16) & 0xffffffffL);
        int caplen = r32(b, p + 20);
        int wirelen = r32(b, p + 24);
        return deliver(b, p + 28, len - 32, ifId, ts, caplen, wirelen, packet);
    }

    private boolean simple(byte[] b, int p, int len, RawPacket packet) {
        if (len < 16) {
            anomalies.count(BAD_BLOCK_LENGTH);
            return false;
        }
        if (ifCount == 0) {
            anomalies.count(UNKNOWN_INTERFACE);
            return false;
        }
        int wirelen = r32(b, p + 8);
        int room = len - 16;
        int snap = ifSnaplen[0] == 0 ? Integer.MAX_VALUE : ifSnaplen[0];
        int caplen = Math.min(Math.min(wirelen, snap), room);
        // a Simple Packet Block has no time stamp (§4.4): the packet gets time 0
        packet.set(b, p + 12, Math.max(caplen, 0), Math.max(wirelen, caplen), ifOffsetNanos[0], ifLinkType[0], 0);
        return caplen >= 0;
    }

    private boolean deliver(byte[] b, int dataOff, int room, int ifId, long ts, int caplen, int wirelen,
            RawPacket packet) {
        if (ifId < 0 || ifId >= ifCount) {
            anomalies.count(UNKNOWN_INTERFACE);
            return false;
        }
        if (caplen < 0 || caplen > room) {
            anomalies.count(BAD_PACKET_LENGTH);
            return false;
        }
        if (wirelen < caplen) {
            anomalies.count(PcapReader.ORIG_LT_CAPLEN);
            wirelen = caplen;
        }
        packet.set(b, dataOff, caplen, wirelen, toNanos(ts, ifResol[ifId]) + ifOffsetNanos[ifId], ifLinkType[ifId],
                ifId);
        return true;
    }

    static long toNanos(long ts, int resol) {
        if (resol >= 0) {
            if (resol == 9) {
                return ts;
            }
            if (resol < 9) {
                return ts * POW10[9 - resol];
            }
            return resol - 9 < POW10.length ? Long.divideUnsigned(ts, POW10[resol - 9]) : 0;
        }
        int k = -resol;
        if (k <= 33) {
            long whole = ts >>> k;
            long frac = ts & ((1L << k) - 1);
            return whole * 1_000_000_000L + ((frac * 1_000_000_000L) >>> k);
        }
        return new BigInteger(Long.toUnsignedString(ts)).multiply(BigInteger.valueOf(1_000_000_000L))
                .shiftRight(k).longValue();
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    private void interfaceDescription(byte[] b, int p, int len) {
        if (len < 20) {
            anomalies.count(BAD_BLOCK_LENGTH);
            return;
        }
        if (ifCount == ifLinkType.length) {
            int n = ifCount * 2;
            ifLinkType = Arrays.copyOf(ifLinkType, n);
            ifSnaplen = Arrays.copyOf(ifSnaplen, n);
            ifResol = Arrays.copyOf(ifResol, n);
            ifOffsetNanos = Arrays.copyOf(ifOffsetNanos, n);
        }
        int i = ifCount++;
        ifLinkType[i] = r16(b, p + 8);
        ifSnaplen[i] = r32(b, p + 12);
        ifResol[i] = 6;
        ifOffsetNanos[i] = 0;
        int o = p + 16;
        int end = p + len - 4;
        while (o + 4 <= end) {
            int code = r16(b, o);
            int olen = r16(b, o + 2);
            int v = o + 4;
            if (code == OPT_END || v + olen > end) {
                break;
            }
            if (code == OPT_IF_TSRESOL && olen >= 1) {
                int r = b[v] & 0xff;
                ifResol[i] = (r & 0x80) != 0 ? -(r & 0x7f) : r;
            } else if (code == OPT_IF_TSOFFSET && olen >= 8) {
                long hi = r32(b, v) & 0xffffffffL;
                long lo = r32(b, v + 4) & 0xffffffffL;
                long secs = swapped ? (lo << 32) | hi : (hi << 32) | lo;
                ifOffsetNanos[i] = secs * 1_000_000_000L;
            }
            o = v + ((olen + 3) & ~3);
        }
    }

    @Override
    public long bytesRead() {
        return counter.count();
    }

    @Override
    public long totalBytes() {
        return total;
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
