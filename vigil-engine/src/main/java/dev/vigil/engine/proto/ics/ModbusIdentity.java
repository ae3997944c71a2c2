package dev.vigil.engine.proto.ics;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.wire.Bytes;

/**
 * Modbus Read Device Identification (function 43, MEI type 14; Modbus Application Protocol v1.1b3
 * §6.21): the server's reply lists objects by id, 0 VendorName, 1 ProductCode, 2 MajorMinorRevision,
 * 4 ProductName, 5 ModelName (the basic, regular and extended levels alike). Object 6,
 * UserApplicationName, names the program, not the device, and is not kept. A TCP-to-serial gateway
 * answers for the device behind it under that device's unit id: the identity is then the gateway's
 * address's, which this reader cannot tell apart.
 */
final class ModbusIdentity {

    static final Anomaly MALFORMED = Anomaly.declare("modbus.identity_malformed",
            "a Modbus device identification reply whose objects run past the frame");

    private static final int MBAP = 7;

    private ModbusIdentity() {
    }

    /** One MBAP frame from the server. */
    static void read(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        // function 0x2B, MEI 0x0E, read code, conformity, more follows, next object, number of objects
        if (len < MBAP + 7 || (b[off + MBAP] & 0xff) != 0x2B || b[off + MBAP + 1] != 0x0E) {
            return;
        }
        int count = b[off + MBAP + 6] & 0xff;
        int p = off + MBAP + 7;
        int end = off + len;
        String vendor = null;
        String code = null;
        String revision = null;
        String product = null;
        String model = null;
        for (int i = 0; i < count; i++) {
            if (p + 2 > end || p + 2 + (b[p + 1] & 0xff) > end) {
                ctx.malformed(MALFORMED);
                break;
            }
            int id = b[p] & 0xff;
            int n = b[p + 1] & 0xff;
            String v = Bytes.text(b, p + 2, n);
            switch (id) {
                case 0 -> vendor = v;
                case 1 -> code = v;
                case 2 -> revision = v;
                case 4 -> product = v;
                case 5 -> model = v;
                default -> {
                }
            }
            p += 2 + n;
        }
        if (vendor != null || code != null || revision != null || product != null || model != null) {
            ctx.emit(new IndustrialIdentity(ctx.ts(), ctx.flow(), fromClient, "modbus", vendor, null, null, product,
                    model != null ? model : code, revision, null, null));
        }
    }
}
