package dev.vigil.engine.proto.ics;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.wire.Bytes;

/**
 * BACnet/IP (ASHRAE 135 Annex J; NPDU clause 6; APDU clause 20): a device's I-Am broadcast names its
 * vendor by ASHRAE number, and its answers to ReadProperty and ReadPropertyMultiple on its device
 * object give vendor-name (121), model-name (70), firmware-revision (44), object-name (77) and
 * vendor-identifier (120) of its device object (object type 8), the properties a building-management
 * front end or a scanner asks for; other objects' properties (points' names) are not the device's.
 * Relayed messages (a BBMD's Forwarded-NPDU, a router's message with a source network) come from
 * another device than the datagram's sender and are passed over.
 * Tags follow clause 20.2.1: tag number, class, and a length, opening or closing mark.
 */
final class BacnetIdentity {

    static final Anomaly MALFORMED = Anomaly.declare("bacnet.identity_malformed",
            "a BACnet I-Am or property reply whose tags run past the datagram");

    private static final int FIRMWARE_REVISION = 44;
    private static final int MODEL_NAME = 70;
    private static final int OBJECT_NAME = 77;
    private static final int VENDOR_IDENTIFIER = 120;
    private static final int VENDOR_NAME = 121;
    private static final int READ_PROPERTY = 12;
    private static final int READ_PROPERTY_MULTIPLE = 14;
    private static final int CHARACTER_STRING = 7;
    private static final int UNSIGNED = 2;
    private static final long DEVICE_OBJECT = 8;

    private BacnetIdentity() {
    }

    /** One BVLC datagram. */
    static void read(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        if (len < 6 || (b[off] & 0xff) != 0x81) {
            return;
        }
        int end = off + len;
        int function = b[off + 1] & 0xff;
        int p = off + 4;
        if (function != 0x0a && function != 0x0b) {
            return; // neither original-unicast nor original-broadcast: a Forwarded-NPDU is a BBMD's relay
        }
        if (p + 2 > end || b[p] != 1 || (b[p + 1] & 0x80) != 0) {
            return; // not version 1, or a network-layer message
        }
        int control = b[p + 1] & 0xff;
        if ((control & 0x08) != 0) {
            return; // SNET: from a device behind a BACnet router, not from the sender of the datagram
        }
        p += 2;
        if ((control & 0x20) != 0) {
            p += p + 3 <= end ? 3 + (b[p + 2] & 0xff) : 3; // DNET, DLEN, DADR
        }
        if ((control & 0x20) != 0) {
            p++; // hop count
        }
        if (p + 2 > end) {
            return;
        }
        int type = (b[p] & 0xff) >>> 4;
        if (type == 1 && b[p + 1] == 0) {
            iAm(ctx, fromClient, b, p + 2, end);
        } else if (type == 3 && (b[p] & 0x08) == 0 && p + 3 <= end) {
            int service = b[p + 2] & 0xff;
            if (service == READ_PROPERTY || service == READ_PROPERTY_MULTIPLE) {
                properties(ctx, fromClient, b, p + 3, end, service == READ_PROPERTY ? 1 : 2);
            }
        }
    }

    // I-Am: device object id, max APDU length, segmentation, vendor id, each application-tagged
    private static void iAm(DissectorContext ctx, boolean fromClient, byte[] b, int p, int end) {
        for (int field = 0; field < 4; field++) {
            long t = tag(b, p, end);
            if (t < 0) {
                ctx.malformed(MALFORMED);
                return;
            }
            int v = p + header(t);
            if (field == 3 && number(t) == UNSIGNED && !context(t)) {
                ctx.emit(new IndustrialIdentity(ctx.ts(), ctx.flow(), fromClient, "bacnet", null,
                        (int) unsigned(b, v, length(t)), null, null, null, null, null, null));
            }
            p = v + length(t);
        }
    }

    /**
     * Walks a ReadProperty-ACK (property identifier in context tag 1) or a ReadPropertyMultiple-ACK
     * (context tag 2 within each object's list): a value is whatever application-tagged datum
     * follows its property identifier inside an opening tag.
     */
    private static void properties(DissectorContext ctx, boolean fromClient, byte[] b, int p, int end,
            int propertyTag) {
        String vendor = null;
        String model = null;
        String firmware = null;
        String name = null;
        Integer vendorId = null;
        int depth = 0;
        int property = -1;
        boolean device = false;
        while (p < end) {
            long t = tag(b, p, end);
            if (t < 0) {
                ctx.malformed(MALFORMED);
                break;
            }
            int v = p + header(t);
            p = v + length(t);
            if (opening(t)) {
                depth++;
            } else if (closing(t)) {
                depth--;
            } else if (context(t)) {
                if (number(t) == 0 && depth == 0) {
                    device = length(t) == 4 && unsigned(b, v, 4) >>> 22 == DEVICE_OBJECT; // which object's properties
                } else if (number(t) == propertyTag && depth == propertyTag - 1) {
                    property = (int) unsigned(b, v, length(t));
                }
            } else if (device && depth > 0) {
                if (number(t) == CHARACTER_STRING && length(t) > 1 && b[v] == 0 && wanted(property)) {
                    String s = Bytes.text(b, v + 1, length(t) - 1); // character set 0: UTF-8
                    switch (property) {
                        case VENDOR_NAME -> vendor = s;
                        case MODEL_NAME -> model = s;
                        case FIRMWARE_REVISION -> firmware = s;
                        default -> name = s;
                    }
                } else if (number(t) == UNSIGNED && property == VENDOR_IDENTIFIER) {
                    vendorId = (int) unsigned(b, v, length(t));
                }
            }
        }
        if (vendor != null || vendorId != null || model != null || firmware != null || name != null) {
            ctx.emit(new IndustrialIdentity(ctx.ts(), ctx.flow(), fromClient, "bacnet", vendor, vendorId, null, null,
                    model, firmware, null, name));
        }
    }

    private static boolean wanted(int property) {
        return property == VENDOR_NAME || property == MODEL_NAME || property == FIRMWARE_REVISION
                || property == OBJECT_NAME;
    }

    /*
     * A tag packed in a long: bits 0-31 content length, 32-39 tag number, 40 context class,
     * 41 opening, 42 closing, 48-55 header length; -1 when it runs past the end.
     */
    private static long tag(byte[] b, int p, int end) {
        if (p >= end) {
            return -1;
        }
        int first = b[p] & 0xff;
        int h = 1;
        int number = first >>> 4;
        boolean context = (first & 0x08) != 0;
        int lvt = first & 0x07;
        if (number == 15) {
            if (p + h >= end) {
                return -1;
            }
            number = b[p + h++] & 0xff;
        }
        long marks = 0;
        int length;
        if (context && lvt == 6) {
            length = 0;
            marks = 1L << 41;
        } else if (context && lvt == 7) {
            length = 0;
            marks = 1L << 42;
        } else if (!context && number == 1) {
            length = 0; // an application boolean carries its value in the length field
        } else if (lvt == 5) {
            if (p + h >= end) {
                return -1;
            }
            length = b[p + h++] & 0xff;
            if (length == 254 || length == 255) {
                int n = length == 254 ? 2 : 4;
                if (p + h + n > end) {
                    return -1;
                }
                length = (int) unsigned(b, p + h, n);
                h += n;
            }
        } else {
            length = lvt;
        }
        if (length < 0 || (long) p + h + length > end) {
            return -1;
        }
        return length | (long) number << 32 | (context ? 1L << 40 : 0) | marks | (long) h << 48;
    }

    private static int length(long t) {
        return (int) (t & 0xffffffffL);
    }

    private static int number(long t) {
        return (int) (t >>> 32 & 0xff);
    }

    private static boolean context(long t) {
        return (t & 1L << 40) != 0;
    }

    private static boolean opening(long t) {
        return (t & 1L << 41) != 0;
    }

    private static boolean closing(long t) {
        return (t & 1L << 42) != 0;
    }

    private static int header(long t) {
        return (int) (t >>> 48 & 0xff);
    }

    private static long unsigned(byte[] b, int p, int n) {
        long v = 0;
        for (int i = 0; i < Math.min(n, 4); i++) {
            v = v << 8 | b[p + i] & 0xff;
        }
        return v;
    }
}
