package dev.vigil.engine.proto.ics;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.wire.Bytes;
import java.util.Locale;

/**
 * S7comm's answers to "read system status list" (a userdata response of the CPU functions group,
 * subfunction 1; Siemens, System Software for S7-300/400, System and Standard Functions, ch. 34):
 * list 0x0011, module identification, gives the order number (record 1) and the firmware version
 * (record 7: 'V', major, minor, patch); list 0x001C, component identification, gives the station
 * name (1), the module name (2), the copyright (4), the serial number (5) and the module type (7).
 * Frames are TPKT (RFC 1006) and COTP data (ISO 8073) around the S7 header.
 */
final class S7Identity {

    static final Anomaly MALFORMED = Anomaly.declare("s7comm.identity_malformed",
            "an S7comm system status list reply with records shorter than their index");

    private static final int USERDATA = 7;
    private static final int COTP_DATA = 0xF0;

    private S7Identity() {
    }

    /** One TPKT frame from the server. */
    static void read(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        int end = off + len;
        if (len < 7 || (b[off + 5] & 0xff) != COTP_DATA) {
            return;
        }
        int h = off + 5 + (b[off + 4] & 0xff);
        if (h + 10 > end || (b[h] & 0xff) != 0x32 || b[h + 1] != USERDATA) {
            return;
        }
        int params = h + 10;
        int paramLength = Bytes.u16(b, h + 6);
        int data = params + paramLength;
        int dataEnd = data + Bytes.u16(b, h + 8);
        // parameter head 00 01 12, length, method, type (8: response) and group (4: CPU functions), subfunction 1
        if (paramLength < 8 || dataEnd > end || b[params] != 0 || b[params + 1] != 1 || b[params + 2] != 0x12
                || (b[params + 5] & 0xff) != 0x84 || b[params + 6] != 1) {
            return;
        }
        // return code 0xFF (success), transport size, length, list id, index, record length, record count
        if (dataEnd - data < 12 || (b[data] & 0xff) != 0xFF) {
            return;
        }
        int id = Bytes.u16(b, data + 4);
        int list = id & 0xff;
        int recordLength = Bytes.u16(b, data + 8);
        int r = data + 12;
        if (id >>> 8 == 0x0F) {
            return; // the list's header only (record length and count)
        }
        if (recordLength < 4) {
            ctx.malformed(MALFORMED);
            return;
        }
        // a CPU whose PDU is smaller than the list sends it in parts: read the records this part holds
        int records = Math.min(Bytes.u16(b, data + 10), (dataEnd - r) / recordLength);
        if (list == 0x11) {
            modules(ctx, fromClient, b, r, recordLength, records);
        } else if (list == 0x1C) {
            components(ctx, fromClient, b, r, recordLength, records);
        }
    }

    // index (2), order number (20), module type (2), version (2), version (2)
    private static void modules(DissectorContext ctx, boolean fromClient, byte[] b, int r, int size, int count) {
        if (size < 28) {
            return;
        }
        String orderNumber = null;
        String firmware = null;
        for (int i = 0; i < count; i++, r += size) {
            int index = Bytes.u16(b, r);
            if (index == 1) {
                orderNumber = Bytes.text(b, r + 2, 20);
            } else if (index == 7 && b[r + 24] == 'V') {
                firmware = "V" + (b[r + 25] & 0xff) + "." + (b[r + 26] & 0xff) + "." + (b[r + 27] & 0xff);
            }
        }
        if (orderNumber != null || firmware != null) {
            ctx.emit(new IndustrialIdentity(ctx.ts(), ctx.flow(), fromClient, "s7comm", null, null, null, null,
                    orderNumber, firmware, null, null));
        }
    }

    // index (2), text (the rest of the record)
    private static void components(DissectorContext ctx, boolean fromClient, byte[] b, int r, int size, int count) {
        String station = null;
        String moduleName = null;
        String moduleType = null;
        String vendor = null;
        String serial = null;
        for (int i = 0; i < count; i++, r += size) {
            int index = Bytes.u16(b, r);
            if (index == 1 || index == 2 || index == 4 || index == 5 || index == 7) {
                String t = Bytes.text(b, r + 2, size - 2);
                switch (index) {
                    case 1 -> station = t;
                    case 2 -> moduleName = t;
                    case 4 -> vendor = t != null && t.toLowerCase(Locale.ROOT).contains("siemens") ? "Siemens" : null;
                    case 5 -> serial = t;
                    default -> moduleType = t;
                }
            }
        }
        if (station != null || moduleName != null || moduleType != null || vendor != null || serial != null) {
            ctx.emit(new IndustrialIdentity(ctx.ts(), ctx.flow(), fromClient, "s7comm", vendor, null, null,
                    moduleType != null ? moduleType : moduleName, null, null, serial, station));
        }
    }
}
