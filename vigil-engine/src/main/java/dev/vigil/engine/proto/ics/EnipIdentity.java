package dev.vigil.engine.proto.ics;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

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
    private static final Map<Integer, String> DEVICE_TYPES = Map.ofEntries(
            Map.entry(0, "Generic Device"), Map.entry(2, "AC Drive"), Map.entry(3, "Motor Overload"),
            Map.entry(4, "Limit Switch"), Map.entry(5, "Inductive Proximity Switch"),
            Map.entry(6, "Photoelectric Sensor"), Map.entry(7, "General Purpose Discrete I/O"),
            Map.entry(9, "Resolver"), Map.entry(12, "Communications Adapter"),
            Map.entry(14, "Programmable Logic Controller"), Map.entry(16, "Position Controller"),
            Map.entry(19, "DC Drive"), Map.entry(21, "Contactor"), Map.entry(22, "Motor Starter"),
            Map.entry(23, "Soft Start"), Map.entry(24, "Human-Machine Interface"),
            Map.entry(26, "Mass Flow Controller"), Map.entry(27, "Pneumatic Valve"),
            Map.entry(28, "Vacuum Pressure Gauge"), Map.entry(29, "Process Control Value"),
            Map.entry(30, "Residual Gas Analyzer"), Map.entry(31, "DC Power Generator"),
            Map.entry(32, "RF Power Generator"), Map.entry(33, "Turbomolecular Vacuum Pump"),
            Map.entry(34, "Encoder"), Map.entry(35, "Safety Discrete I/O Device"),
            Map.entry(36, "Fluid Flow Controller"), Map.entry(37, "CIP Motion Drive"),
            Map.entry(38, "CompoNet Repeater"), Map.entry(39, "Mass Flow Controller, Enhanced"),
            Map.entry(40, "CIP Modbus Device"), Map.entry(41, "CIP Modbus Translator"),
            Map.entry(42, "Safety Analog I/O Device"), Map.entry(43, "Generic Device (keyable)"),
            Map.entry(44, "Managed Ethernet Switch"), Map.entry(45, "CIP Motion Safety Drive Device"),
            Map.entry(46, "Safety Drive Device"), Map.entry(47, "CIP Motion Encoder"),
            Map.entry(48, "CIP Motion Converter"), Map.entry(49, "CIP Motion I/O"),
            Map.entry(50, "ControlNet Physical Layer Component"), Map.entry(51, "Circuit Breaker"),
            Map.entry(52, "HART Device"), Map.entry(53, "CIP-HART Translator"), Map.entry(200, "Embedded Component"));

    private EnipIdentity() {
    }

    /** The device profile's name, or "device type N" for one outside the table. */
    static String deviceType(int code) {
        String name = DEVICE_TYPES.get(code);
        return name != null ? name : "device type " + code;
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
        String product = Bytes.text(b, p + 33, b[p + 32] & 0xff);
        ctx.emit(new IndustrialIdentity(ctx.ts(), ctx.flow(), fromClient, "enip", null, vendor, deviceType(deviceType),
                product, null, firmware, serial, null));
    }
}
