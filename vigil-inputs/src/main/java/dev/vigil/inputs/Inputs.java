package dev.vigil.inputs;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.CaptureFormatException;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.flow.FlowSource;
import dev.vigil.inputs.zeek.ZeekConnReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens an input a user names and hands it to whoever reads it as packets or as flows: a capture
 * (pcap, pcapng, gzip-compressed or not, a file or "-" for standard input) or a Zeek conn.log (TSV,
 * JSON lines, CSV), recognised from its content rather than its name. What cannot be read is one
 * line in an {@link InputException}.
 */
public final class Inputs {

    /** Reads a packet source to its end. */
    @FunctionalInterface
    public interface PacketReader {
        void read(String name, PacketSource source) throws IOException;
    }

    /** Reads a flow source to its end. */
    @FunctionalInterface
    public interface FlowReader {
        void read(String name, FlowSource source) throws IOException;
    }

    private Inputs() {
    }

    /**
     * Opens {@code name}, gives it to {@code packets} or {@code flows}, and closes it.
     *
     * @param anomalies where the readers count what they cannot read
     * @throws InputException when it cannot be opened or read, or is neither a capture nor a conn.log
     */
    public static void read(String name, CaptureLimits limits, AnomalyCounters anomalies, PacketReader packets,
            FlowReader flows) throws InputException {
        if (!name.equals("-")) {
            Path p = Path.of(name);
            if (Files.isRegularFile(p) && isConnLog(p)) {
                readFlows(p, anomalies, flows);
                return;
            }
        }
        try (PacketSource src = Captures.open(name, limits, anomalies)) {
            packets.read(name, src);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(name + ": permission denied");
        } catch (CaptureFormatException e) {
            throw new InputException(e.getMessage().replace("not a pcap or pcapng capture",
                    "not a pcap or pcapng capture, nor a Zeek conn.log"));
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage());
        }
    }

    private static boolean isConnLog(Path p) {
        try {
            return ZeekConnReader.detect(p) != null;
        } catch (IOException e) {
            // unreadable: the capture path says so in its own words
            return false;
        }
    }

    private static void readFlows(Path file, AnomalyCounters anomalies, FlowReader flows) throws InputException {
        String name = file.toString();
        try (ZeekConnReader r = ZeekConnReader.open(file, anomalies)) {
            if (r == null) {
                throw new InputException(name + ": not a Zeek conn.log");
            }
            flows.read(name, r);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage());
        }
    }
}
