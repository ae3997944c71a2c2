package dev.vigil.engine.proto.ics;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.FramedIdentity;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.FramedIdentity.Framing;
import dev.vigil.engine.dissect.FramedIdentity.Reader;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.proto.signature.ReadSignature;
import dev.vigil.engine.proto.signature.SignatureProtocol;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/**
 * An industrial protocol recognised by its signature ({@link SignatureProtocol}) whose identity
 * replies are read: over TCP its frames are cut by their own length field and the server's first
 * {@link FramedIdentity#MAX_REPLIES} replies are read, then inspection stops; over UDP every
 * datagram is offered to the reader, which rejects what is not an identity at its first bytes.
 */
public final class IcsProtocol extends ReadSignature {

    private final Framing framing;
    private final Reader reader;
    private final DatagramDissector datagrams;

    private IcsProtocol(SignatureProtocol signature, Framing framing, Reader reader, boolean udp) {
        super(signature);
        this.framing = framing;
        this.reader = reader;
        this.datagrams = udp ? reader::read : null;
    }

    /** The identity-reading form of a recognise-only protocol, or the protocol itself when it has none. */
    public static Protocol identify(SignatureProtocol p) {
        return switch (p.name()) {
            // MBAP: 6 bytes, then the length of unit id and PDU, at most 254 (Modbus Messaging on TCP/IP §3.1.3)
            case "modbus" -> new IcsProtocol(p,
                    new Framing(6, (b, o) -> Bytes.u16(b, o + 4) <= 254 ? 6 + Bytes.u16(b, o + 4) : -1),
                    ModbusIdentity::read, false);
            // TPKT (RFC 1006 §6): version 3, reserved, the whole packet's length
            case "s7comm" -> new IcsProtocol(p, new Framing(4, (b, o) -> b[o] == 3 ? Bytes.u16(b, o + 2) : -1),
                    S7Identity::read, false);
            // EtherNet/IP encapsulation: 24-byte header, little-endian data length at 2 (CIP Vol. 2 §2-3)
            case "enip" -> new IcsProtocol(p, new Framing(24, (b, o) -> 24 + Bytes.u16le(b, o + 2)),
                    EnipIdentity::read, true);
            case "bacnet" -> new IcsProtocol(p, null, BacnetIdentity::read, true);
            default -> p;
        };
    }






    @Override
    public StreamDissector newStreamDissector() {
        return framing == null ? null : new FramedIdentity(framing, reader);
    }

    @Override
    public DatagramDissector datagramDissector() {
        return datagrams;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("ics.identity", IndustrialIdentity.class);
    }
}
