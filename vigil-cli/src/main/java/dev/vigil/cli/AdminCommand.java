package dev.vigil.cli;

import dev.vigil.server.audit.AuditAnchors;
import dev.vigil.server.crypto.KeyRotation;
import dev.vigil.server.crypto.Vault;
import dev.vigil.store.Stores;
import dev.vigil.store.audit.AuditKey;
import dev.vigil.store.audit.AuditVerification;
import dev.vigil.store.db.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Offline administration of a store: audit verification and data key rotation. */
final class AdminCommand {

    private AdminCommand() {
    }

    /** Options shared by the store commands. */
    static final class StoreOptions {
        @Option(names = "--data", paramLabel = "DIR", description = "Data directory. Default: ./vigil-data")
        Path data = Path.of("vigil-data");

        @Option(names = "--db-url", paramLabel = "JDBC_URL", description = "PostgreSQL store (password from VIGIL_DB_PASSWORD).")
        String dbUrl;

        @Option(names = "--db-user", paramLabel = "USER", description = "Database user.")
        String dbUser;

        Database open() throws java.sql.SQLException {
            if (dbUrl == null && !java.nio.file.Files.exists(data.resolve("vigil.db"))) {
                throw new java.sql.SQLException("no store in " + data + " (start vigil serve --data " + data + " first)");
            }
            return Database.open(data, dbUrl, dbUser, System.getenv("VIGIL_DB_PASSWORD"));
        }
    }

    /** A command that only groups subcommands: alone, it prints its usage. */
    abstract static class Group implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "audit", description = "The audit log.", mixinStandardHelpOptions = true,
            subcommands = {Verify.class}, exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {Main.EXIT_DONE, Main.EXIT_USAGE, Main.EXIT_INTERNAL})
    static final class Audit extends Group {
    }

    @Command(name = "verify", description = {"Check the audit log: its keyed hash chain, its head and the anchors kept outside the store.",
        "Finds an entry changed, removed or inserted, and the newest ones cut off."},
            mixinStandardHelpOptions = true, exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {"0:the log is intact", "1:an entry was changed, removed or inserted, or the newest cut off (the first one is named)",
                "2:bad usage, or no store there", Main.EXIT_INTERNAL})
    static final class Verify extends StoreCommand {

        @Option(names = "--anchors", paramLabel = "FILE",
                description = "Anchors of the head written by the service. Default: DIR/audit-anchors.log")
        Path anchors;

        Verify() {
            super("audit verify");
        }

        @Override
        int run(Database s, PrintWriter out, PrintWriter err) throws Exception {
            // the chain is keyed under a vault key: verifying needs the master key
            Stores keys = Stores.keys(s, new AuditKey());
            Vault.open(keys, Vault.masterKey(store.data.resolve("master.key"), System.getenv("VIGIL_MASTER_KEY")));
            Path file = anchors != null ? anchors : store.data.resolve("audit-anchors.log");
            if (anchors != null && !java.nio.file.Files.exists(anchors)) {
                return Main.usage(err, "audit verify", "--anchors " + anchors + ": no such file");
            }
            AuditVerification v = keys.audit().verify(AuditAnchors.read(file));
            if (v.ok()) {
                out.println("audit log intact: " + v.entries() + " entries, keyed hash chain and head verified, " + v.anchors()
                        + " anchors matched");
                return Main.OK;
            }
            out.println("audit log TAMPERED" + (v.brokenAt() == null ? "" : " at entry " + v.brokenAt()) + ": " + v.reason());
            return Main.FINDINGS;
        }
    }

    @Command(name = "keys", description = "Encryption keys of the store.", mixinStandardHelpOptions = true,
            subcommands = {Rotate.class}, exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {Main.EXIT_DONE, Main.EXIT_USAGE, Main.EXIT_INTERNAL})
    static final class Keys extends Group {
    }

    @Command(name = "rotate", description = {"Make a new data key active and re-encrypt every sensitive field under it.",
        "",
        "Keys nothing uses any more are deleted. A running service does the same with POST /api/keys/rotate."},
            mixinStandardHelpOptions = true, exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {Main.EXIT_DONE, "2:bad usage, no store there, or vigil serve is running on it", Main.EXIT_INTERNAL})
    static final class Rotate extends StoreCommand {

        Rotate() {
            super("keys rotate");
        }

        @Override
        int run(Database s, PrintWriter out, PrintWriter err) throws Exception {
            if (dev.vigil.server.VigilServer.running(s)) {
                return Main.usage(err, "keys rotate", "vigil serve is running on this store; rotate through it "
                        + "instead (POST /api/keys/rotate as admin), so it keeps using the keys it holds");
            }
            Stores keys = Stores.keys(s, new AuditKey());
            Vault v = Vault.open(keys, Vault.masterKey(store.data.resolve("master.key"), System.getenv("VIGIL_MASTER_KEY")));
            KeyRotation.Result r = KeyRotation.rotate(keys.dataKeys(), keys.audit(), v, "cli");
            out.println("active data key " + r.activeKey() + ": " + r.reencrypted() + " values re-encrypted; retired "
                    + (r.retired().isEmpty() ? "none" : String.join(", ", r.retired())));
            return Main.OK;
        }
    }

    /** A command on the store: opens it, runs, closes it; what goes wrong is one line and exit 2. */
    abstract static class StoreCommand implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        StoreOptions store = new StoreOptions();

        private final String name;

        StoreCommand(String name) {
            this.name = name;
        }

        abstract int run(Database s, PrintWriter out, PrintWriter err) throws Exception;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try (Database s = store.open()) {
                return run(s, spec.commandLine().getOut(), err);
            } catch (Exception e) {
                return Main.usage(err, name, e.getMessage());
            }
        }
    }
}
