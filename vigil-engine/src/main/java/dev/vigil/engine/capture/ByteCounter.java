package dev.vigil.engine.capture;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read from the underlying input (before decompression), for progress. */
final class ByteCounter extends FilterInputStream {

    private long count;

    ByteCounter(InputStream in) {
        super(in);
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int r = super.read();
        if (r >= 0) {
            count++;
        }
        return r;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int r = super.read(b, off, len);
        if (r > 0) {
            count += r;
        }
        return r;
    }

    @Override
    public long skip(long n) throws IOException {
        long r = super.skip(n);
        count += r;
        return r;
    }
}
