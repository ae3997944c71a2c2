package dev.vigil.server.ingest;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.CaptureFormatException;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import java.io.IOException;
import java.io.InputStream;

/**
 * A pcap or pcapng stream, such as {@code tcpdump -i eth0 -w - | vigil serve --stdin}. A stream cannot
 * be read again, so each window is committed as it closes and the last one when the stream ends or the
 * service stops; the writer upstream (tcpdump) counts what the kernel dropped while the pipe was full.
 */
public final class StreamCapture extends Source {

    private final InputStream in;

    public StreamCapture(String name, InputStream in) {
        super("stream:" + name, "stdin");
        this.in = in;
    }

    /** A stream that failed mid-way cannot be picked up again: it stays failed (and /health degraded). */
    @Override
    protected boolean restartable() {
        return false;
    }

    @Override
    protected void read() throws SourceException {
        AnomalyCounters anomalies = new AnomalyCounters();
        RawPacket raw = new RawPacket();
        try (PacketSource src = Captures.open(in, name, -1, ctx.analysis().captures(), anomalies)) {
            format(src.format());
            while (!stopping && src.next(raw)) {
                packet(raw, null);
            }
        } catch (CaptureFormatException e) {
            throw new SourceException(e.getMessage());
        } catch (IOException e) {
            commit(null);
            throw new SourceException(name + ": cannot read: " + e.getMessage());
        } finally {
            malformed.addAndGet(anomalies.total());
        }
        commit(null);
    }
}
