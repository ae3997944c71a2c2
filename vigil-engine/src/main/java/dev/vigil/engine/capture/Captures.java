package dev.vigil.engine.capture;

import dev.vigil.engine.anomaly.AnomalyCounters;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Opens a capture by content, not by name: classic pcap (either byte order, µs or ns), pcapng, and
 * either of them gzip-compressed. {@code "-"} reads a stream from standard input.
 */
public final class Captures {

    private Captures() {
    }

    /** What the first bytes of an input say it is. */
    public enum Kind { PCAP, PCAPNG, GZIP, OTHER }

    /** Classifies the first bytes of an input (at least 4 are needed). */
    public static Kind sniff(byte[] head, int len) {
        if (len >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Kind.GZIP;
        }
        if (len < 4) {
            return Kind.OTHER;
        }
        int m = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        if (m == PcapReader.MAGIC_MICRO || m == PcapReader.MAGIC_NANO || Integer.reverseBytes(m) == PcapReader.MAGIC_MICRO
                || Integer.reverseBytes(m) == PcapReader.MAGIC_NANO) {
            return Kind.PCAP;
        }
        if (m == PcapNgReader.SHB) {
            return Kind.PCAPNG;
        }
        return Kind.OTHER;
    }

    /**
     * Opens a file, or standard input for {@code "-"}.
     *
     * @throws CaptureFormatException when the content is not a capture (one clear line in the message)
     * @throws IOException when the file cannot be read
     */
    public static PacketSource open(String name, CaptureLimits limits, AnomalyCounters anomalies)
            throws IOException, CaptureFormatException {
        if (name.equals("-")) {
            return open(System.in, "stdin", -1, limits, anomalies);
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            throw new CaptureFormatException(name + ": is a directory, not a capture file");
        }
        InputStream raw;
        try {
            raw = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(name, null, "no such file");
        }
        return open(raw, name, Files.size(path), limits, anomalies);
    }

    /** Opens a stream whose first bytes decide its format; the stream is closed with the source. */
    public static PacketSource open(InputStream raw, String name, long totalBytes, CaptureLimits limits,
            AnomalyCounters anomalies) throws IOException, CaptureFormatException {
        ByteCounter counter = new ByteCounter(raw);
        BufferedInputStream in = new BufferedInputStream(counter, 1 << 16);
        try {
            Kind kind = peek(in);
            boolean compressed = kind == Kind.GZIP;
            String format = "";
            InputStream body = in;
            if (compressed) {
                // read by the capture input in one call per refill (no BufferedInputStream, whose
                // read loop drops what it inflated when the next inflate fails), peeked with pushback
                body = new PushbackInputStream(new GZIPInputStream(in, 1 << 16), 8);
                kind = peek(body);
                format = "+gzip";
            }
            CaptureInput input = new CaptureInput(body, limits, anomalies, compressed);
            return switch (kind) {
                case PCAP -> new PcapReader(input, anomalies, counter, totalBytes, "pcap" + format, limits);
                case PCAPNG -> new PcapNgReader(input, anomalies, counter, totalBytes, "pcapng" + format, limits);
                default -> throw notCapture(name, body);
            };
        } catch (CaptureFormatException | IOException | RuntimeException e) {
            raw.close();
            if (e instanceof CaptureFormatException cfe && !cfe.getMessage().startsWith(name)) {
                throw new CaptureFormatException(name + ": " + cfe.getMessage());
            }
            if (e instanceof java.util.zip.ZipException) {
                throw new CaptureFormatException(name + ": corrupt gzip data (" + e.getMessage() + ")");
            }
            throw e;
        }
    }

    private static Kind peek(InputStream in) throws IOException {
        byte[] head = head(in);
        return sniff(head, head.length);
    }

    /** The first 4 bytes, left in the stream. */
    private static byte[] head(InputStream in) throws IOException {
        if (in instanceof PushbackInputStream p) {
            byte[] head = p.readNBytes(4);
            p.unread(head);
            return head;
        }
        in.mark(8);
        byte[] head = in.readNBytes(4);
        in.reset();
        return head;
    }

    private static CaptureFormatException notCapture(String name, InputStream in) throws IOException {
        byte[] head = head(in);
        if (head.length == 0) {
            return new CaptureFormatException("empty input: no capture data");
        }
        return new CaptureFormatException("not a pcap or pcapng capture (starts with " + HexFormat.ofDelimiter(" ")
                .formatHex(head) + ")");
    }
}
