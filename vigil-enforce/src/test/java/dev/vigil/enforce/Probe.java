package dev.vigil.enforce;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Started inside a namespace by the tests: {@code resolve NAME SERVER} asks for an A record (RFC
 * 1035 §4.1) and prints the first address; {@code connect HOST PORT MS} prints "connected" or
 * "blocked"; {@code listen PORT} accepts connections until it is stopped.
 */
public final class Probe {

    private Probe() {
    }

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "resolve" -> System.out.println(resolve(a[1], InetAddress.getByName(a[2])));
            case "connect" -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getByName(a[1]), Integer.parseInt(a[2])), Integer.parseInt(a[3]));
                    System.out.println("connected");
                } catch (java.io.IOException e) {
                    System.out.println("blocked");
                }
            }
            case "listen" -> {
                try (ServerSocket ss = new ServerSocket(Integer.parseInt(a[1]))) {
                    while (true) {
                        ss.accept().close();
                    }
                }
            }
            default -> throw new IllegalArgumentException(a[0]);
        }
    }

    static String resolve(String name, InetAddress server) throws Exception {
        ByteArrayOutputStream q = new ByteArrayOutputStream();
        q.write(new byte[] {0x13, 0x37, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            q.write(label.length());
            q.write(label.getBytes(StandardCharsets.US_ASCII));
        }
        q.write(new byte[] {0, 0, 1, 0, 1});
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(2000);
            byte[] out = q.toByteArray();
            s.send(new DatagramPacket(out, out.length, server, 53));
            byte[] buf = new byte[512];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            ByteBuffer b = ByteBuffer.wrap(buf, 0, p.getLength());
            int answers = b.getShort(6) & 0xffff;
            b.position(out.length);
            for (int i = 0; i < answers; i++) {
                b.getShort();
                int type = b.getShort() & 0xffff;
                b.getShort();
                b.getInt();
                int len = b.getShort() & 0xffff;
                byte[] rd = new byte[len];
                b.get(rd);
                if (type == 1 && len == 4) {
                    return InetAddress.getByAddress(rd).getHostAddress();
                }
            }
            return "none";
        }
    }
}
