package dev.vigil.detect.flows;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of text with a bound on their length: {@code BufferedReader.readLine} keeps a line without
 * end in memory however long it grows. A line longer than the bound is skipped to its end and
 * reported as {@link #TOO_LONG}. A last line without a line feed is returned like the others.
 */
final class BoundedLines {

    /** Returned (by identity) for a line longer than the bound. */
    static final String TOO_LONG = new String("(line too long)");

    private final Reader in;
    private final int max;
    private final char[] buf = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int end;

    BoundedLines(Reader in, int maxChars) {
        this.in = in;
        this.max = maxChars;
    }

    /** The next line without its terminator (LF or CRLF), {@link #TOO_LONG}, or null at the end. */
    String next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return !any ? null : tooLong ? TOO_LONG : line.toString();
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            if (!tooLong) {
                if (line.length() + (pos - start) > max) {
                    tooLong = true;
                    line.setLength(0);
                } else {
                    line.append(buf, start, pos - start);
                }
            }
            if (pos < end) {
                pos++;
                if (tooLong) {
                    return TOO_LONG;
                }
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
        }
    }
}
