package dev.vigil.server.ingest;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * libpcap through Java's foreign function API (Debian's libpcap0.8: {@code libpcap.so.0.8}). Only what
 * a live capture needs: create, configure, activate, filter, next, stats, close.
 */
final class Libpcap {

    static final int ERRBUF_SIZE = 256;
    static final int PRECISION_NANO = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static volatile Libpcap instance;

    final MethodHandle create;
    final MethodHandle setSnaplen;
    final MethodHandle setPromisc;
    final MethodHandle setTimeout;
    final MethodHandle setBufferSize;
    final MethodHandle setPrecision;
    final MethodHandle getPrecision;
    final MethodHandle activate;
    final MethodHandle datalink;
    final MethodHandle nextEx;
    final MethodHandle stats;
    final MethodHandle compile;
    final MethodHandle setFilter;
    final MethodHandle freeCode;
    final MethodHandle geterr;
    final MethodHandle close;
    final MethodHandle statusToStr;
    final MethodHandle setNonblock;
    final MethodHandle selectableFd;
    /** libc poll(2), to wait for the capture socket with a timeout. */
    final MethodHandle poll;

    private Libpcap(SymbolLookup lib) {
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        var p = ValueLayout.ADDRESS;
        create = handle(lib, "pcap_create", FunctionDescriptor.of(p, p, p));
        setSnaplen = handle(lib, "pcap_set_snaplen", FunctionDescriptor.of(i, p, i));
        setPromisc = handle(lib, "pcap_set_promisc", FunctionDescriptor.of(i, p, i));
        setTimeout = handle(lib, "pcap_set_timeout", FunctionDescriptor.of(i, p, i));
        setBufferSize = handle(lib, "pcap_set_buffer_size", FunctionDescriptor.of(i, p, i));
        setPrecision = handle(lib, "pcap_set_tstamp_precision", FunctionDescriptor.of(i, p, i));
        getPrecision = handle(lib, "pcap_get_tstamp_precision", FunctionDescriptor.of(i, p));
        activate = handle(lib, "pcap_activate", FunctionDescriptor.of(i, p));
        datalink = handle(lib, "pcap_datalink", FunctionDescriptor.of(i, p));
        nextEx = handle(lib, "pcap_next_ex", FunctionDescriptor.of(i, p, p, p));
        stats = handle(lib, "pcap_stats", FunctionDescriptor.of(i, p, p));
        compile = handle(lib, "pcap_compile", FunctionDescriptor.of(i, p, p, p, i, i));
        setFilter = handle(lib, "pcap_setfilter", FunctionDescriptor.of(i, p, p));
        freeCode = handle(lib, "pcap_freecode", FunctionDescriptor.ofVoid(p));
        geterr = handle(lib, "pcap_geterr", FunctionDescriptor.of(p, p));
        close = handle(lib, "pcap_close", FunctionDescriptor.ofVoid(p));
        statusToStr = handle(lib, "pcap_statustostr", FunctionDescriptor.of(p, i));
        setNonblock = handle(lib, "pcap_setnonblock", FunctionDescriptor.of(i, p, i, p));
        selectableFd = handle(lib, "pcap_get_selectable_fd", FunctionDescriptor.of(i, p));
        poll = handle(LINKER.defaultLookup(), "poll", FunctionDescriptor.of(i, p, ValueLayout.JAVA_LONG, i));
    }

    private static MethodHandle handle(SymbolLookup lib, String name, FunctionDescriptor d) {
        MemorySegment s = lib.find(name).orElseThrow(() -> new IllegalStateException("libpcap has no " + name));
        return LINKER.downcallHandle(s, d);
    }

    /** The library, or empty when libpcap is not installed (apt install libpcap0.8). */
    static Optional<Libpcap> load() {
        if (instance != null) {
            return Optional.of(instance);
        }
        for (String name : new String[] {"libpcap.so.0.8", "libpcap.so.1", "libpcap.so"}) {
            try {
                SymbolLookup lib = SymbolLookup.libraryLookup(name, Arena.global());
                instance = new Libpcap(lib);
                return Optional.of(instance);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // try the next name
            }
        }
        return Optional.empty();
    }

    static String string(MemorySegment cstr) {
        return cstr.equals(MemorySegment.NULL) ? "" : cstr.reinterpret(4096).getString(0);
    }
}
