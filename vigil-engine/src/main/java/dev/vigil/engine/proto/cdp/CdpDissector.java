package dev.vigil.engine.proto.cdp;

import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.FrameDissector;
import dev.vigil.engine.net.Mac;

/** Turns CDP frames (LLC/SNAP, Cisco OUI, PID 0x2000) into {@link CdpAdvertisement} events. */
public final class CdpDissector implements FrameDissector {

    private final CdpParser parser = new CdpParser();

    @Override
    public void onFrame(DissectorContext ctx, byte[] b, int off, int len) {
        long src = ctx.srcMac();
        CdpAdvertisement a = parser.parse(ctx.ts(), Mac.isStation(src) ? Mac.of(src) : null, b, off, len);
        if (a == null) {
            ctx.malformed(CdpParser.MALFORMED);
        } else {
            ctx.emit(a);
        }
    }
}
