package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.audit.AuditAnchors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the service writes to its data directory is its own alone, from the moment it exists. */
class FilePermissionsTest {

    @TempDir
    Path tmp;

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void dataDirectoryDatabaseKeysAndAnchorsAreTheServicesAlone() throws Exception {
        Path data = tmp.resolve("data");
        ServerConfig cfg = TestServer.config(data, List.of()).withTls(new ServerConfig.Tls(null, null, true));
        try (TestServer ts = TestServer.start(cfg)) {
            new AuditAnchors(ts.server.stores().audit(), ts.server.auditAnchors(), n -> { }).anchor();
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("tls"))).isEqualTo("rwx------");
            for (String f : List.of("vigil.db", "vigil.db-wal", "master.key", "tls/server.key", "audit-anchors.log")) {
                assertThat(mode(data.resolve(f))).as(f).isEqualTo("rw-------");
            }
        }
    }
}
