package dev.vigil.enforce;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Started inside a device namespace by the tests: sends the first packet of each flow listed in a
 * file ("tcp 10.77.200.10 443", "udp …", "icmp …"), one packet per flow, each from a port of its own,
 * so that the gateway's counters see exactly one new connection per line. With "--every MS" it
 * repeats the list forever, a line every MS milliseconds, and prints the time of each send (the bot).
 */
public final class FlowSender {

    /** How long an echo waits for its reply: one request goes out either way (JDK isReachable as root). */
    static final int ICMP_WAIT_MS = 40;

    private FlowSender() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        long every = args.length > 2 && args[1].equals("--every") ? Long.parseLong(args[2]) : -1;
        int sent = 0;
        do {
            for (String l : lines) {
                String[] t = l.trim().split("\\s+");
                if (t.length < 3) {
                    continue;
                }
                send(t[0], InetAddress.getByName(t[1]), Integer.parseInt(t[2]));
                sent++;
                if (every > 0) {
                    System.out.println(System.currentTimeMillis() + " " + l);
                    System.out.flush();
                    Thread.sleep(every);
                }
            }
        } while (every > 0);
        System.out.println("sent " + sent);
    }

    static void send(String proto, InetAddress dst, int port) throws Exception {
        switch (proto) {
            case "tcp" -> {
                try (SocketChannel c = SocketChannel.open()) {
                    c.configureBlocking(false);
                    // the SYN leaves on connect; closing in SYN-SENT sends nothing more
                    c.connect(new InetSocketAddress(dst, port));
                }
            }
            case "udp" -> {
                try (DatagramChannel c = DatagramChannel.open()) {
                    c.send(ByteBuffer.wrap("vigil".getBytes(StandardCharsets.US_ASCII)), new InetSocketAddress(dst, port));
                }
            }
            case "icmp" -> dst.isReachable(ICMP_WAIT_MS);
            default -> throw new IllegalArgumentException("unknown protocol " + proto);
        }
    }
}
