package dev.vigil.detect.behavior;

/**
 * A value of a learning detector's map whose observations are one {@link Series}: as recent as its
 * series, as large as it plus what else the value holds, and trimmed by trimming it.
 */
abstract class SeriesValue implements Keyed.Kept, java.io.Serializable {

    /** The observations. */
    abstract Series series();

    /** About how many bytes it holds besides its series. */
    abstract long ownBytes();

    @Override
    public final long lastNanos() {
        return series().lastNanos();
    }

    @Override
    public final long bytes() {
        return ownBytes() + series().bytes();
    }

    @Override
    public final boolean trim() {
        return series().trim();
    }
}
