package dev.vigil.engine.testing;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Packets of a real capture held in memory, so tests can reorder, duplicate or mutate them. */
public final class Packets {

    /** One frame with its own copy of the bytes. */
    public record Frame(byte[] data, int wireLength, long ts, int linkType) {

        public Frame withData(byte[] d) {
            return new Frame(d, Math.max(wireLength, d.length), ts, linkType);
        }

        public void into(RawPacket raw) {
            raw.set(data, 0, data.length, Math.max(wireLength, data.length), ts, linkType, 0);
        }
    }

    private Packets() {
    }

    public static List<Frame> read(Path capture) {
        List<Frame> out = new ArrayList<>();
        RawPacket raw = new RawPacket();
        try (PacketSource src = Captures.open(capture.toString(), CaptureLimits.DEFAULT, new AnomalyCounters())) {
            while (src.next(raw)) {
                out.add(new Frame(Arrays.copyOfRange(raw.data, raw.offset, raw.offset + raw.capturedLength),
                        raw.wireLength, raw.timestampNanos, raw.linkType));
            }
        } catch (Exception e) {
            throw new AssertionError("cannot read " + capture, e);
        }
        return out;
    }
}
