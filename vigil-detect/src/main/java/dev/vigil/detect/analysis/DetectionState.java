package dev.vigil.detect.analysis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * What behavioural detection has learnt, as bytes the service checkpoints with every committed
 * window and restores on start, so that a crash, a restart or an upgrade does not make it learn each
 * device's normal again from nothing (and does not lose a beacon, a slow scan or a guessing run that
 * spans the restart). The state is the {@link Detection} object graph (detectors, their series,
 * profiles, anomaly forests, the names devices resolved, what earlier windows reported) written with
 * Java serialization, deflated, behind a header naming the format and the Vigil version that wrote
 * it. What the analysis is configured with (thresholds, indicator lists, the intel store, the finding
 * catalogue) is not state: it is written as a token and the running configuration takes its place on
 * reading, so a changed setting applies to restored state.
 *
 * <p>Reading is filtered ({@link ObjectInputFilter}): only Vigil's own classes, the JDK's collections
 * and values, and the anomaly library's state classes may appear, within depth and size limits;
 * anything else, a truncated or altered blob, or one of another format is refused with a
 * {@link StateException} (the caller then starts afresh and says so). The same state in gives the
 * same detections out as if the analysis had never stopped ({@code DetectionStateTest}).
 */
public final class DetectionState {

    /** The header's first field: what the bytes are. */
    static final String FORMAT = "vigil-detection-state/1";

    /** The classes a state may hold; everything else is refused. */
    static final String FILTER = "maxdepth=200;maxarray=50000000;dev.vigil.**;java.util.*;java.lang.*;java.time.*;java.net.*;"
            + "com.amazon.randomcutforest.state.**;!*";

    /** A state could not be read: damaged, of another format, or of classes this version does not have. */
    public static final class StateException extends Exception {

        public StateException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The configuration objects that stand in a state as tokens. */
    private enum Wired {
        CONFIG, DETECTION, INDICATORS, INTEL, CATALOG, INVENTORY
    }

    private DetectionState() {
    }

    /** The state of {@code root} (a {@link Detection}, or a record holding one), deflated, with its header. */
    public static byte[] save(Serializable root, AnalysisConfig config) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (DataOutputStream head = new DataOutputStream(bytes)) {
            head.writeUTF(FORMAT);
            head.writeUTF(Version.VALUE);
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try (ObjectOutputStream out = new Writer(new DeflaterOutputStream(head, deflater, 64 * 1024), wired(config))) {
                out.writeObject(root);
            } finally {
                deflater.end();
            }
        } catch (IOException e) {
            // an object of the graph that cannot be written is a bug of ours, never an input's
            throw new IllegalStateException("detection state cannot be written: " + e, e);
        }
        return bytes.toByteArray();
    }

    /** The Vigil version that wrote a state, or null when the bytes are no state. */
    public static String version(byte[] state) {
        try (DataInputStream head = new DataInputStream(new ByteArrayInputStream(state))) {
            return FORMAT.equals(head.readUTF()) ? head.readUTF() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads a state written by {@link #save}, wiring the running configuration in. */
    public static Object load(byte[] state, AnalysisConfig config) throws StateException {
        try (DataInputStream head = new DataInputStream(new ByteArrayInputStream(state))) {
            String format = head.readUTF();
            if (!FORMAT.equals(format)) {
                throw new StateException("not a detection state (format " + format + ")", null);
            }
            head.readUTF(); // the version that wrote it: classes of the same serial form read across versions
            try (ObjectInputStream in = new Reader(new InflaterInputStream(head), config)) {
                return in.readObject();
            }
        } catch (InvalidClassException e) {
            if (String.valueOf(e.getMessage()).contains("filter status")) {
                throw new StateException("refused: it holds a class a detection state may not (" + e.getMessage() + ")", e);
            }
            throw new StateException("written by a version whose detection state differs (" + e.getMessage() + ")", e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new StateException("damaged (" + e + ")", e);
        }
    }

    private static Map<Object, Wired> wired(AnalysisConfig c) {
        Map<Object, Wired> m = new IdentityHashMap<>();
        m.put(c, Wired.CONFIG);
        put(m, c.detection(), Wired.DETECTION);
        put(m, c.indicators(), Wired.INDICATORS);
        put(m, c.intel(), Wired.INTEL);
        put(m, c.inventory(), Wired.INVENTORY);
        put(m, dev.vigil.detect.findings.FindingCatalog.bundled(), Wired.CATALOG);
        return m;
    }

    private static void put(Map<Object, Wired> m, Object o, Wired w) {
        if (o != null) {
            m.put(o, w);
        }
    }

    private static Object part(AnalysisConfig c, Wired w) {
        return switch (w) {
            case CONFIG -> c;
            case DETECTION -> c.detection();
            case INDICATORS -> c.indicators();
            case INTEL -> c.intel();
            case INVENTORY -> c.inventory();
            case CATALOG -> dev.vigil.detect.findings.FindingCatalog.bundled();
        };
    }

    private static final class Writer extends ObjectOutputStream {

        private final Map<Object, Wired> wired;

        Writer(OutputStream out, Map<Object, Wired> wired) throws IOException {
            super(out);
            this.wired = wired;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            Wired w = wired.get(obj);
            return w != null ? w : obj;
        }
    }

    private static final class Reader extends ObjectInputStream {

        private final AnalysisConfig config;

        Reader(InputStream in, AnalysisConfig config) throws IOException {
            super(in);
            this.config = config;
            setObjectInputFilter(ObjectInputFilter.Config.createFilter(FILTER));
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object obj) {
            return obj instanceof Wired w ? part(config, w) : obj;
        }
    }
}
