package dev.vigil.detect.analysis;

import dev.vigil.engine.event.EventJson;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The time stamps of one input, checked as they are read: a recorder whose clock was never set
 * stamps packets from the Unix epoch (1970), and one set wrong stamps them in the future. Such
 * packets are still analysed, but they are left out of the time span the summary shows and named
 * in a warning, instead of stretching the span silently over half a century.
 */
final class InputClock {

    /**
     * The earliest stamp taken as real: no capture of an IP network kept in pcap form is older
     * (tcpdump's file format dates from 1988); anything before is a clock counting from 1970.
     */
    static final long PLAUSIBLE_FROM = LocalDate.of(1990, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;

    /** Slack past the end of {@code today} for clocks a few hours ahead. */
    static final long FUTURE_SLACK = 86_400_000_000_000L;

    private final long latestPlausible;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long implausible;
    long firstImplausible = Long.MAX_VALUE;
    long lastImplausible = Long.MIN_VALUE;

    /** @param today the analysis's date ({@link AnalysisConfig#today()}): stamps after it are implausible */
    InputClock(LocalDate today) {
        this.latestPlausible = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L + FUTURE_SLACK;
    }

    void seen(long nanos) {
        if (nanos < PLAUSIBLE_FROM || nanos > latestPlausible) {
            implausible++;
            firstImplausible = Math.min(firstImplausible, nanos);
            lastImplausible = Math.max(lastImplausible, nanos);
            return;
        }
        first = Math.min(first, nanos);
        last = Math.max(last, nanos);
    }

    String firstTime() {
        return first == Long.MAX_VALUE ? null : EventJson.time(first);
    }

    String lastTime() {
        return last == Long.MIN_VALUE ? null : EventJson.time(last);
    }

    /** One line for people, or null when every stamp was plausible. */
    String warning(String input, String what) {
        if (implausible == 0) {
            return null;
        }
        boolean early = firstImplausible < PLAUSIBLE_FROM;
        boolean late = lastImplausible > latestPlausible;
        String why = early && late ? "before 1990 or in the future" : early ? "before 1990 (a clock that was never set)"
                : "in the future (a clock set wrong)";
        String span = firstImplausible == lastImplausible ? EventJson.time(firstImplausible)
                : EventJson.time(firstImplausible) + " to " + EventJson.time(lastImplausible);
        return input + ": " + String.format("%,d", implausible) + " " + what + (implausible == 1 ? "" : "s") + " stamped "
                + span + ", " + why + "; analysed, but left out of the time span";
    }
}
