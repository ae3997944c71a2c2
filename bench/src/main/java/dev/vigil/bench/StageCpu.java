package dev.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The stages of {@link StageBenchmarks} timed by the CPU time of the thread that runs them, not by
 * the wall clock: on a machine whose cores are shared, a stage descheduled half of the time still
 * shows what it costs. Each stage runs {@link #WARMUP} times, then {@link #RUNS} times measured;
 * prints the fastest and the median run in nanoseconds of CPU per packet.
 *
 * <p>{@code java -Dvigil.slice=bench/work/slice.pcap -cp bench/target/benchmarks.jar dev.vigil.bench.StageCpu
 * [without,… [listener,…]]} (bench/stages.sh runs it).
 */
public final class StageCpu {

    static final int WARMUP = 5;
    static final int RUNS = 9;
    /**
     * Runs of the whole engine before anything is timed, so that the optimising compiler has
     * compiled the pipeline (its work on other threads is not counted in this thread's time, but
     * the slower code meanwhile would be); the engine is timed again after the partial ones.
     */
    static final int ENGINE_WARMUP = 15;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StageCpu() {
    }

    @FunctionalInterface
    private interface Stage {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String[] without = (args.length > 0 ? args[0] : "dns+mdns+llmnr").split(",");
        String[] listeners = (args.length > 1 ? args[1] : "inventory").split(",");
        StageBenchmarks b = new StageBenchmarks();
        b.load();
        System.out.printf("%-30s %8s %8s%n", "stage", "min ns", "median ns");
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        StageBenchmarks.Engines engines = new StageBenchmarks.Engines();
        b.without = without[0];
        engines.build(b);
        for (int i = 0; i < ENGINE_WARMUP; i++) {
            b.engine(engines);
        }
        time("read", () -> bh.consume(b.read()));
        time("decode", () -> b.decode(bh));
        time("flowTable", () -> b.flowTable(bh));
        time("engine", () -> b.engine(engines));
        for (String w : without) {
            b.without = w;
            StageBenchmarks.Engines partial = new StageBenchmarks.Engines();
            partial.build(b);
            time("engineWithout " + w, () -> b.engineWithout(partial));
        }
        time("engine, again", () -> b.engine(engines));
        StageBenchmarks.Listeners l = new StageBenchmarks.Listeners();
        l.record(b);
        for (String name : listeners) {
            b.listener = name;
            time("listener " + name, () -> l.fresh(b), () -> b.listener(l));
        }
    }

    private static void time(String name, Stage stage) throws Exception {
        time(name, () -> { }, stage);
    }

    /** Times {@code stage}; {@code before} runs ahead of each run, untimed. */
    private static void time(String name, Stage before, Stage stage) throws Exception {
        long[] ns = new long[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            before.run();
            long t0 = THREADS.getCurrentThreadCpuTime();
            stage.run();
            long t = THREADS.getCurrentThreadCpuTime() - t0;
            if (i >= WARMUP) {
                ns[i - WARMUP] = t;
            }
        }
        Arrays.sort(ns);
        System.out.printf("%-30s %8.0f %8.0f%n", name, (double) ns[0] / StageBenchmarks.PACKETS,
                (double) ns[RUNS / 2] / StageBenchmarks.PACKETS);
    }
}
