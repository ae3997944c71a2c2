package dev.vigil.engine.proto.discovery;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.proto.signature.ReadSignature;
import dev.vigil.engine.proto.signature.SignatureProtocol;
import dev.vigil.engine.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Tuya LAN protocol's discovery broadcast (UDP 6666 in the clear, 6667 encrypted), which every
 * device built on the Tuya platform (plugs, bulbs, sensors, cameras sold under hundreds of brands)
 * sends every few seconds: a frame 0x000055AA, sequence, command, length, return code, the payload,
 * CRC and 0x0000AA55, whose payload is JSON naming the device id ({@code gwId}), the Tuya product
 * ({@code productKey}, one per product of the platform's catalogue) and the protocol version. From
 * version 3.3 the payload is AES-128-ECB encrypted with a key that is the same for every device, the
 * MD5 of "yGAdlopoPVldABfn", as the open-source local-control libraries (tinytuya, tuyapi) publish
 * it. The sender's first {@link #MAX_BROADCASTS} broadcasts of a flow are read; the rest repeat
 * them. TCP 6668 sessions are encrypted with each device's own key and are only recognised.
 */
public final class TuyaDiscovery extends ReadSignature {

    /** Broadcasts read per flow: they repeat the same identity forever. */
    static final int MAX_BROADCASTS = 4;
    private static final int PREFIX = 0x000055aa;
    private static final int SUFFIX = 0x0000aa55;
    private static final int HEADER = 16;

    private Cipher cipher;
    private final DatagramDissector dissector = DatagramDissector.firstOfFlow(MAX_BROADCASTS, this::read);

    public TuyaDiscovery(SignatureProtocol signature) {
        super(signature);
    }

    void read(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        if (len < HEADER + 12 || Bytes.i32(b, off) != PREFIX) {
            return;
        }
        long n = Bytes.u32(b, off + 12);
        if (n < 12 || n > len - HEADER || Bytes.i32(b, off + HEADER + (int) n - 4) != SUFFIX) {
            return;
        }
        // the length counts the return code, the payload, the CRC and the suffix
        int p = off + HEADER + 4;
        int payload = (int) n - 12;
        String json = payload > 0 && b[p] == '{' ? new String(b, p, payload, StandardCharsets.UTF_8) : decrypt(b, p, payload);
        if (json == null || !json.startsWith("{")) {
            return;
        }
        String product = JsonStrings.string(json, 0, "productKey");
        String id = JsonStrings.string(json, 0, "gwId");
        if (product == null && id == null) {
            return;
        }
        ctx.emit(new VendorIdentity(ctx.ts(), ctx.flow(), fromClient, "tuya", "Tuya", null, product, null, null, null,
                null, null));
    }

    private String decrypt(byte[] b, int off, int len) {
        if (len <= 0 || len % 16 != 0) {
            return null;
        }
        try {
            if (cipher == null) {
                byte[] key = MessageDigest.getInstance("MD5").digest("yGAdlopoPVldABfn".getBytes(StandardCharsets.US_ASCII));
                cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
            }
            return new String(cipher.doFinal(b, off, len), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return null; // not encrypted with the broadcast key (bad padding): not a discovery broadcast
        }
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dissector;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return VendorIdentity.EVENTS;
    }
}
