package dev.vigil.cli;

import dev.vigil.detect.analysis.Progress;
import java.io.PrintStream;

/**
 * A one-line progress display on stderr for inputs that take more than a second: bytes read of
 * the total, and packets per second. Silent when stderr is not a terminal.
 */
final class ProgressBar implements Progress {

    private static final long DELAY_NANOS = 1_000_000_000L;
    private static final int WIDTH = 28;

    private final PrintStream out;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** stderr is a terminal when the JVM has a console whose streams are terminals. */
    static boolean terminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal() && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void update(String input, long bytesRead, long totalBytes, long packets, boolean done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (done) {
            if (drawn) {
                out.print("\r\033[2K");
                out.flush();
                drawn = false;
            }
            return;
        }
        if (now - start < DELAY_NANOS || now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double secs = (now - start) / 1e9;
        String rate = human(packets / secs) + " packets/s";
        String line;
        if (totalBytes > 0) {
            double f = Math.min(1, bytesRead / (double) totalBytes);
            int fill = (int) (f * WIDTH);
            line = String.format("%s [%s%s] %3.0f%% %s of %s, %s", name(input), "=".repeat(fill),
                    " ".repeat(WIDTH - fill), f * 100, bytes(bytesRead), bytes(totalBytes), rate);
        } else {
            line = String.format("%s %s read, %s", name(input), bytes(bytesRead), rate);
        }
        out.print("\r\033[2K" + line);
        out.flush();
        drawn = true;
    }

    private static String name(String input) {
        String n = input.equals("-") ? "stdin" : java.nio.file.Path.of(input).getFileName().toString();
        return n.length() > 30 ? n.substring(0, 29) + "…" : n;
    }

    static String bytes(double b) {
        String[] u = {"B", "KB", "MB", "GB", "TB"};
        int i = 0;
        while (b >= 1024 && i < u.length - 1) {
            b /= 1024;
            i++;
        }
        return i == 0 ? String.format("%.0f %s", b, u[i]) : String.format("%.1f %s", b, u[i]);
    }

    static String human(double n) {
        if (n >= 1e6) {
            return String.format("%.2f M", n / 1e6);
        }
        if (n >= 1e3) {
            return String.format("%.1f k", n / 1e3);
        }
        return String.format("%.0f", n);
    }
}
