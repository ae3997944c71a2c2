package dev.vigil.server.ingest;

import dev.vigil.engine.capture.RawPacket;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A live interface through libpcap. A capture thread takes packets from libpcap's ring and copies
 * them into {@link PacketBatches}; this source's thread analyses them. What the kernel dropped
 * (pcap_stats) and what the full queue dropped are both counted in {@code dropped}.
 */
public final class LiveCapture extends Source {

    static final int SNAPLEN = 65535;
    static final int TIMEOUT_MS = 200;
    static final int KERNEL_BUFFER = 32 << 20;

    private final String device;
    private final String filter;
    private final PacketBatches batches;
    private volatile long kernelDropped;
    private volatile String captureError;

    /**
     * @param device the interface ("eth0", "lo")
     * @param filter a BPF filter expression, or null for everything
     * @param batches queue capacity in batches (up to 4096 packets or 1 MiB each)
     */
    public LiveCapture(String device, String filter, int batches) {
        super("live:" + device, "live");
        this.device = device;
        this.filter = filter;
        this.batches = new PacketBatches(batches);
    }

    /** True when libpcap can be loaded here. */
    public static boolean available() {
        return Libpcap.load().isPresent();
    }

    @Override
    protected void read() throws SourceException {
        Libpcap pcap = Libpcap.load().orElseThrow(
                () -> new SourceException("live capture needs libpcap (Debian: apt install libpcap0.8)"));
        MemorySegment handle = open(pcap);
        Thread capture = Thread.ofPlatform().name("vigil-pcap-" + device).daemon(true).start(() -> capture(pcap, handle));
        RawPacket raw = new RawPacket();
        try {
            while (!stopping || capture.isAlive() || batches.queuedBatches() > 0) {
                PacketBatches.Batch b = batches.take(TIMEOUT_MS);
                if (b == null) {
                    tick(null);
                    if (captureError != null && !capture.isAlive()) {
                        break;
                    }
                    continue;
                }
                for (int i = 0; i < b.count; i++) {
                    b.fill(raw, i);
                    packet(raw, null);
                }
                batches.release(b);
                dropped.set(kernelDropped + batches.dropped());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopping = true;
            try {
                capture.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dropped.set(kernelDropped + batches.dropped());
            commit(null);
        }
        if (captureError != null) {
            throw new SourceException(captureError);
        }
    }

    private MemorySegment open(Libpcap pcap) throws SourceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = a.allocate(Libpcap.ERRBUF_SIZE);
            MemorySegment h = (MemorySegment) pcap.create.invokeExact(a.allocateFrom(device), err);
            if (h.equals(MemorySegment.NULL)) {
                throw new SourceException(name + ": " + Libpcap.string(err));
            }
            // settings a device cannot take (nanosecond stamps, a big buffer) fall back to libpcap's defaults
            int ignored = (int) pcap.setSnaplen.invokeExact(h, SNAPLEN);
            ignored = (int) pcap.setPromisc.invokeExact(h, 1);
            ignored = (int) pcap.setTimeout.invokeExact(h, TIMEOUT_MS);
            ignored = (int) pcap.setBufferSize.invokeExact(h, KERNEL_BUFFER);
            ignored = (int) pcap.setPrecision.invokeExact(h, Libpcap.PRECISION_NANO);
            int rc = (int) pcap.activate.invokeExact(h);
            if (rc < 0) {
                String why = rc == -1 ? Libpcap.string((MemorySegment) pcap.geterr.invokeExact(h))
                        : Libpcap.string((MemorySegment) pcap.statusToStr.invokeExact(rc));
                pcap.close.invokeExact(h);
                throw new SourceException(name + ": cannot capture: " + why
                        + (rc == -8 ? " (run as root, or give the JDK CAP_NET_RAW)" : ""));
            }
            if (filter != null && !filter.isBlank()) {
                MemorySegment prog = a.allocate(16);
                int c = (int) pcap.compile.invokeExact(h, prog, a.allocateFrom(filter), 1, 0xffffffff);
                if (c < 0) {
                    String why = Libpcap.string((MemorySegment) pcap.geterr.invokeExact(h));
                    pcap.close.invokeExact(h);
                    throw new SourceException(name + ": bad filter '" + filter + "': " + why);
                }
                int s = (int) pcap.setFilter.invokeExact(h, prog);
                pcap.freeCode.invokeExact(prog);
                if (s < 0) {
                    String why = Libpcap.string((MemorySegment) pcap.geterr.invokeExact(h));
                    pcap.close.invokeExact(h);
                    throw new SourceException(name + ": cannot set the filter: " + why);
                }
            }
            // non-blocking reads and our own poll(2): an idle interface then still wakes the thread to
            // hand over what it holds (a blocking read on TPACKET_V3 sleeps until traffic comes back)
            if ((int) pcap.setNonblock.invokeExact(h, 1, err) < 0) {
                String why = Libpcap.string(err);
                pcap.close.invokeExact(h);
                throw new SourceException(name + ": cannot read without blocking: " + why);
            }
            format("live, link type " + (int) pcap.datalink.invokeExact(h));
            return h;
        } catch (SourceException e) {
            throw e;
        } catch (Throwable t) {
            throw new SourceException(name + ": libpcap failed: " + t);
        }
    }

    /** The capture thread: libpcap to batches, until stopped. */
    private void capture(Libpcap pcap, MemorySegment h) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment hdrPtr = a.allocate(ValueLayout.ADDRESS);
            MemorySegment dataPtr = a.allocate(ValueLayout.ADDRESS);
            MemorySegment stat = a.allocate(16);
            MemorySegment pollfd = a.allocate(8);
            int fd = (int) pcap.selectableFd.invokeExact(h);
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, (short) 1); // POLLIN
            int link = (int) pcap.datalink.invokeExact(h);
            long fracToNanos = (int) pcap.getPrecision.invokeExact(h) == Libpcap.PRECISION_NANO ? 1 : 1000;
            long lastStats = 0;
            while (!stopping) {
                int rc = (int) pcap.nextEx.invokeExact(h, hdrPtr, dataPtr);
                if (rc == 1) {
                    MemorySegment hdr = hdrPtr.get(ValueLayout.ADDRESS, 0).reinterpret(24);
                    long sec = hdr.get(ValueLayout.JAVA_LONG, 0);
                    long frac = hdr.get(ValueLayout.JAVA_LONG, 8);
                    int caplen = hdr.get(ValueLayout.JAVA_INT, 16);
                    int len = hdr.get(ValueLayout.JAVA_INT, 20);
                    MemorySegment data = dataPtr.get(ValueLayout.ADDRESS, 0).reinterpret(caplen);
                    batches.add(data, caplen, len, sec * 1_000_000_000L + frac * fracToNanos, link);
                } else if (rc == 0) {
                    batches.flush(); // nothing waiting: hand over what there is, then wait for the socket
                    int ignored = (int) pcap.poll.invokeExact(pollfd, 1L, TIMEOUT_MS);
                } else {
                    captureError = name + ": capture ended: " + (rc == -2 ? "breakloop"
                            : Libpcap.string((MemorySegment) pcap.geterr.invokeExact(h)));
                    break;
                }
                long now = System.nanoTime();
                if (now - lastStats > 1_000_000_000L) {
                    lastStats = now;
                    if ((int) pcap.stats.invokeExact(h, stat) == 0) {
                        kernelDropped = Integer.toUnsignedLong(stat.get(ValueLayout.JAVA_INT, 4))
                                + Integer.toUnsignedLong(stat.get(ValueLayout.JAVA_INT, 8));
                    }
                    batches.flush();
                }
            }
            batches.flush();
            if ((int) pcap.stats.invokeExact(h, stat) == 0) {
                kernelDropped = Integer.toUnsignedLong(stat.get(ValueLayout.JAVA_INT, 4))
                        + Integer.toUnsignedLong(stat.get(ValueLayout.JAVA_INT, 8));
            }
            pcap.close.invokeExact(h);
        } catch (Throwable t) {
            captureError = name + ": libpcap failed: " + t;
        }
    }

    @Override
    protected long queued() {
        return (long) batches.queuedBatches() * PacketBatches.BATCH_PACKETS;
    }

    @Override
    protected long queueCapacity() {
        return (long) batches.capacity() * PacketBatches.BATCH_PACKETS;
    }
}
