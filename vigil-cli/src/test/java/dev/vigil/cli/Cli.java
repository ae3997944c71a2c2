package dev.vigil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and keeps what it printed. */
record Cli(int exit, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(rc, out.toString(), err.toString());
    }

    static java.nio.file.Path sample() {
        return dev.vigil.engine.testing.TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz");
    }
}
