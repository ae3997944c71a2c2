package dev.vigil.enforce.radius;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A NAS allowed to ask Vigil's RADIUS server, and the secret it shares with it. Requests from any
 * other address are dropped unanswered (RFC 2865 section 3).
 *
 * @param name what logs call it
 * @param block the addresses it sends from
 * @param secret the shared secret
 */
public record RadiusClient(String name, Cidr block, byte[] secret) {

    /** RFC 2865 section 3: the secret SHOULD be at least 16 octets; shorter ones are refused. */
    public static final int MIN_SECRET = 16;

    public RadiusClient {
        secret = secret.clone();
        if (secret.length < MIN_SECRET) {
            throw new IllegalArgumentException("the shared secret of " + name + " is " + secret.length
                    + " octets; RADIUS needs at least " + MIN_SECRET + " (RFC 2865 section 3)");
        }
    }

    /** The secret from the first line of a file (never from the command line, where ps would show it). */
    public static byte[] secretFile(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.getFirst().isBlank()) {
            throw new IOException(p + ": empty, expected the shared secret on its first line");
        }
        return lines.getFirst().strip().getBytes(StandardCharsets.UTF_8);
    }

    public boolean holds(java.net.InetAddress a) {
        return block.contains(Ip.ofBytes(a.getAddress()));
    }

    /** The client an address belongs to, or null. */
    public static RadiusClient of(List<RadiusClient> clients, java.net.InetAddress a) {
        for (RadiusClient c : clients) {
            if (c.holds(a)) {
                return c;
            }
        }
        return null;
    }
}
