package dev.vigil.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server in its own JVM, for the tests that kill it: ServeMain DATA_DIR WINDOW_SECONDS CAPTURE...; with
 * the system properties vigil.db.url, vigil.db.user and vigil.db.password, on PostgreSQL.
 */
public final class ServeMain {

    private ServeMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        ServerConfig cfg = TestServer.config(Path.of(args[0]), files).withWindow(Integer.parseInt(args[1]), 30);
        if (System.getProperty("vigil.db.url") != null) {
            cfg = cfg.withDatabase(System.getProperty("vigil.db.url"), System.getProperty("vigil.db.user"),
                    System.getProperty("vigil.db.password"));
        }
        VigilServer s = VigilServer.start(cfg, System.in);
        System.out.println("READY " + s.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
