import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The share of a recording's execution samples spent in the service's ingest, and within it in the
 * store's assessment of trust, risk and plan (server.ingest.Assessments), in detection and in the
 * rest of the commit.
 *
 *   java bench/serve/JfrShare.java RECORDING.jfr
 */
public class JfrShare {

    public static void main(String[] a) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        long all = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            all++;
            boolean ingest = false;
            boolean assess = false;
            boolean commit = false;
            boolean detect = false;
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                String c = f.getMethod().getType().getName();
                ingest |= c.startsWith("dev.vigil.server.ingest.");
                assess |= c.equals("dev.vigil.server.ingest.Assessments");
                commit |= c.equals("dev.vigil.server.ingest.Persister");
                detect |= c.startsWith("dev.vigil.detect.") || c.startsWith("dev.vigil.engine.");
            }
            if (ingest) {
                counts.merge("ingest", 1L, Long::sum);
                counts.merge(assess ? "ingest.assessment" : commit ? "ingest.commit (other)" : detect ? "ingest.analysis"
                        : "ingest.other", 1L, Long::sum);
            }
        }
        long ingest = counts.getOrDefault("ingest", 0L);
        System.out.printf("samples\t%d%n", all);
        for (Map.Entry<String, Long> c : counts.entrySet()) {
            System.out.printf("%s\t%d\t%.1f%% of ingest%n", c.getKey(), c.getValue(), 100.0 * c.getValue() / Math.max(1, ingest));
        }
    }
}
