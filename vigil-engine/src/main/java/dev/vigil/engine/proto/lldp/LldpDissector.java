package dev.vigil.engine.proto.lldp;

import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.FrameDissector;
import dev.vigil.engine.net.Mac;

/** Turns LLDP frames (ethertype 0x88CC) into {@link LldpAdvertisement} events. */
public final class LldpDissector implements FrameDissector {

    private final LldpParser parser = new LldpParser();

    @Override
    public void onFrame(DissectorContext ctx, byte[] b, int off, int len) {
        long src = ctx.srcMac();
        LldpAdvertisement a = parser.parse(ctx.ts(), Mac.isStation(src) ? Mac.of(src) : null,
                ctx.packet().vlan < 0 ? null : ctx.packet().vlan, b, off, len);
        if (a == null) {
            ctx.malformed(LldpParser.MALFORMED);
        } else {
            ctx.emit(a);
        }
    }
}
