package dev.vigil.engine.proto.ics;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.wire.Bytes;

/**
 * The EtherNet/IP ListIdentity reply (command 0x63; CIP Vol. 2 §2-4.3): a CIP Identity item (type
 * 0x0C) with the vendor id, device type, product code, revision, serial number and product name,
 * in little-endian order. Scanners and engineering tools broadcast the request on UDP 44818; every
 * adapter, PLC and drive on the segment answers.
 */
final class EnipIdentity {

    static final Anomaly MALFORMED = Anomaly.declare("enip.identity_malformed",
            "an EtherNet/IP ListIdentity reply whose items run past the message");

    private static final int LIST_IDENTITY = 0x63;
    private static final int CIP_IDENTITY_ITEM = 0x0C;
    private static final int HEADER = 24;

    /** CIP device profiles (CIP Vol. 1 Table 6-7.1, as ODVA numbers them). */
    private static final String[] DEVICE_TYPES = new String[54];

    static {
        String[] t = {"0", "Generic Device", "2", "AC Drive", "3", "Motor Overload", "4", "Limit Switch",
            "5", "Inductive Proximity Switch", "6", "Photoelectric Sensor", "7", "General Purpose Discrete I/O",
            "9", "Resolver", "12", "Communications Adapter", "14", "Programmable Logic Controller",
            "16", "Position Controller", "19", "DC Drive", "21", "Contactor", "22", "Motor Starter",
            "23", "Soft Start", "24", "Human-Machine Interface", "26", "Mass Flow Controller",
            "27", "Pneumatic Valve", "28", "Vacuum Pressure Gauge", "29", "Process Control Value",
            "30", "Residual Gas Analyzer", "31", "DC Power Generator", "32", "RF Power Generator",
            "33", "Turbomolecular Vacuum Pump", "34", "Encoder", "35", "Safety Discrete I/O Device",
            "36", "Fluid Flow Controller", "37", "CIP Motion Drive", "38", "CompoNet Repeater",
            "39", "Mass Flow Controller, Enhanced", "40", "CIP Modbus Device", "41", "CIP Modbus Translator",
            "42", "Safety Analog I/O Device", "43", "Generic Device (keyable)", "44", "Managed Ethernet Switch",
            "45", "CIP Motion Safety Drive Device", "46", "Safety Drive Device", "47", "CIP Motion Encoder",
            "48", "CIP Motion Converter", "49", "CIP Motion I/O", "50", "ControlNet Physical Layer Component",
            "51", "Circuit Breaker", "52", "HART Device", "53", "CIP-HART Translator"};
        for (int i = 0; i < t.length; i += 2) {
            DEVICE_TYPES[Integer.parseInt(t[i])] = t[i + 1];
        }
    }

    private EnipIdentity() {
    }

    /** The device profile's name, or "device type N" for one outside the table. */
    static String deviceType(int code) {
        if (code == 200) {
            return "Embedded Component";
        }
        return code < DEVICE_TYPES.length && DEVICE_TYPES[code] != null ? DEVICE_TYPES[code] : "device type " + code;
    }

    /** One encapsulation message (a TCP frame or a UDP datagram). */
    static void read(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        if (len < HEADER + 2 || Bytes.u16le(b, off) != LIST_IDENTITY || Bytes.i32le(b, off + 8) != 0) {
            return;
        }
        int data = Bytes.u16le(b, off + 2);
        if (data == 0) {
            return; // the request
        }
        int end = off + HEADER + data;
        if (end > off + len) {
            ctx.malformed(MALFORMED);
            return;
        }
        int items = Bytes.u16le(b, off + HEADER);
        int p = off + HEADER + 2;
        for (int i = 0; i < items; i++) {
            if (p + 4 > end || p + 4 + Bytes.u16le(b, p + 2) > end) {
                ctx.malformed(MALFORMED);
                return;
            }
            int type = Bytes.u16le(b, p);
            int n = Bytes.u16le(b, p + 2);
            p += 4;
            if (type == CIP_IDENTITY_ITEM) {
                identity(ctx, fromClient, b, p, n);
            }
            p += n;
        }
    }

    // protocol version (2), socket address (16, big-endian), vendor id, device type, product code,
    // revision major and minor, status, serial number (4), product name (short string), state
    private static void identity(DissectorContext ctx, boolean fromClient, byte[] b, int p, int n) {
        if (n < 33 || 33 + (b[p + 32] & 0xff) > n) {
            ctx.malformed(MALFORMED);
            return;
        }
        int vendor = Bytes.u16le(b, p + 18);
        int deviceType = Bytes.u16le(b, p + 20);
        String firmware = (b[p + 24] & 0xff) + "." + (b[p + 25] & 0xff);
        String serial = "0x" + String.format("%08x", Bytes.i32le(b, p + 28));
        String product = IndustrialIdentity.text(b, p + 33, b[p + 32] & 0xff);
        ctx.emit(new IndustrialIdentity(ctx.ts(), ctx.flow(), fromClient, "enip", null, vendor, deviceType(deviceType),
                product, null, firmware, serial, null));
    }
}
