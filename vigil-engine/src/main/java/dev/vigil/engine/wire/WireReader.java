package dev.vigil.engine.wire;

import dev.vigil.engine.net.Ip;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked big-endian cursor over a slice of a byte array. Reading past the limit never
 * throws: it returns zero and clears {@link #ok()}, so a parser reads a whole structure and checks
 * once. One instance is reused for many messages ({@link #reset}); it holds no copy of the data.
 */
public final class WireReader {

    private byte[] buf;
    private int pos;
    private int limit;
    private int start;
    private boolean ok;

    public WireReader() {
        reset(new byte[0], 0, 0);
    }

    public WireReader(byte[] buf, int off, int len) {
        reset(buf, off, len);
    }

    public WireReader reset(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.start = off;
        this.limit = off + len;
        this.ok = off >= 0 && len >= 0 && off + len <= buf.length;
        if (!ok) {
            this.limit = off;
        }
        return this;
    }

    /** False once any read or skip went past the limit. */
    public boolean ok() {
        return ok;
    }

    public byte[] array() {
        return buf;
    }

    public int position() {
        return pos;
    }

    /** Offset from the start of the slice. */
    public int offset() {
        return pos - start;
    }

    public int limit() {
        return limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean has(int n) {
        return n >= 0 && limit - pos >= n;
    }

    public void position(int absolute) {
        if (absolute < start || absolute > limit) {
            ok = false;
            pos = limit;
        } else {
            pos = absolute;
        }
    }

    /** Restricts the limit to {@code n} bytes from here (never extends it); returns the old limit. */
    public int narrow(int n) {
        int old = limit;
        if (n < 0 || n > limit - pos) {
            ok = false;
        } else {
            limit = pos + n;
        }
        return old;
    }

    /** Restores a limit returned by {@link #narrow} and moves to it. */
    public void widen(int oldLimit, boolean skipRest) {
        if (skipRest) {
            pos = limit;
        }
        limit = oldLimit;
    }

    public boolean skip(int n) {
        if (!has(n)) {
            fail();
            return false;
        }
        pos += n;
        return true;
    }

    public int u8() {
        if (pos >= limit) {
            fail();
            return 0;
        }
        return buf[pos++] & 0xff;
    }

    public int peekU8() {
        return pos < limit ? buf[pos] & 0xff : -1;
    }

    public int u16() {
        if (limit - pos < 2) {
            fail();
            return 0;
        }
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int u24() {
        if (limit - pos < 3) {
            fail();
            return 0;
        }
        int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    public long u32() {
        if (limit - pos < 4) {
            fail();
            return 0;
        }
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public int i32() {
        return (int) u32();
    }

    public long u48() {
        if (limit - pos < 6) {
            fail();
            return 0;
        }
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 6;
        return v;
    }

    /** Reads a 4-byte IPv4 address, or returns null (and clears {@link #ok()}) when fewer bytes are left. */
    public Ip ip4() {
        if (limit - pos < 4) {
            fail();
            return null;
        }
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return Ip.ofV4(v);
    }

    /** Reads a 16-byte IPv6 address, or returns null (and clears {@link #ok()}) when fewer bytes are left. */
    public Ip ip6() {
        if (limit - pos < 16) {
            fail();
            return null;
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (buf[pos + i] & 0xff);
            lo = (lo << 8) | (buf[pos + 8 + i] & 0xff);
        }
        pos += 16;
        return new Ip(hi, lo);
    }

    public byte[] bytes(int n) {
        if (!has(n)) {
            fail();
            return new byte[0];
        }
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    /** Reads {@code n} bytes as ISO-8859-1 (one char per byte: lossless, never throws). */
    public String latin1(int n) {
        if (!has(n)) {
            fail();
            return "";
        }
        String s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    /** Reads {@code n} bytes as UTF-8 (malformed sequences become U+FFFD). */
    public String utf8(int n) {
        if (!has(n)) {
            fail();
            return "";
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private void fail() {
        ok = false;
        pos = limit;
    }

    /** Marks the reader as failed (a parser found a structural error). */
    public void invalidate() {
        fail();
    }
}
