package dev.vigil.engine.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fuzz targets' input: a sequence of messages, each a control byte, a big-endian 16-bit length
 * and that many bytes. The control byte says who sends it (bit 0: the server) and whatever else a
 * target wants to choose (a link type, a protocol, IPv6 in bit 1). A length past the end takes
 * what is left, so every byte string is a conversation and the fuzzer's mutations stay meaningful.
 *
 * @param messages the messages in order
 */
public record Conversation(List<Message> messages) {

    /** Most messages a conversation holds: the rest of a longer input is ignored. */
    public static final int MAX_MESSAGES = 256;

    /**
     * One message.
     *
     * @param control the control byte
     * @param bytes the payload
     */
    public record Message(int control, byte[] bytes) {

        public boolean fromServer() {
            return (control & 1) != 0;
        }

        public boolean ipv6() {
            return (control & 2) != 0;
        }
    }

    public static Conversation decode(byte[] in) {
        List<Message> out = new ArrayList<>();
        int p = 0;
        while (p < in.length && out.size() < MAX_MESSAGES) {
            int control = in[p] & 0xff;
            int len = p + 2 < in.length ? ((in[p + 1] & 0xff) << 8) | (in[p + 2] & 0xff) : 0;
            int start = Math.min(in.length, p + 3);
            int end = Math.min(in.length, start + len);
            out.add(new Message(control, Arrays.copyOfRange(in, start, end)));
            p = end;
        }
        return new Conversation(out);
    }

    public static byte[] encode(List<Message> messages) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Message m : messages) {
            int len = Math.min(m.bytes().length, 0xffff);
            o.write(m.control());
            o.write(len >>> 8);
            o.write(len);
            o.write(m.bytes(), 0, len);
        }
        return o.toByteArray();
    }
}
