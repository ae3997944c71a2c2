package dev.vigil.detect.analysis;

/** Told how an input is going, every few thousand packets and once at its end. */
@FunctionalInterface
public interface Progress {

    /**
     * @param input the input's name
     * @param bytesRead input bytes consumed
     * @param totalBytes input size, or -1 for a stream
     * @param packets packets read from this input
     * @param done the input is finished
     */
    void update(String input, long bytesRead, long totalBytes, long packets, boolean done);

    Progress NONE = (i, b, t, p, d) -> { };
}
