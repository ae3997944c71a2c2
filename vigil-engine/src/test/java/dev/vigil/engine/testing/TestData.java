package dev.vigil.engine.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where test inputs live: captures copied into the repository (always there), and the shared data
 * set (../shared/data), which a clone may lack; tests that need it skip and say so.
 */
public final class TestData {

    private TestData() {
    }

    /** A capture under src/test/resources/captures of the engine module. */
    public static Path capture(String name) {
        Path p = engineModule().resolve("src/test/resources/captures").resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no bundled test capture " + p);
        }
        return p;
    }

    /** A kept fuzz input under src/test/resources/fuzz of the engine module ("ndp/ns-target-cut"). */
    public static Path fuzzInput(String relative) {
        Path p = engineModule().resolve("src/test/resources/fuzz").resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no kept fuzz input " + p);
        }
        return p;
    }

    /** The engine module's directory, whichever module's tests are running. */
    public static Path engineModule() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("vigil-engine/src/test/resources"))) {
                return p.resolve("vigil-engine");
            }
            if (p.getFileName() != null && p.getFileName().toString().equals("vigil-engine")) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the vigil-engine module from " + cwd);
    }

    /** The repository root. */
    public static Path repoRoot() {
        return engineModule().getParent();
    }

    /** ../shared/data if present, else null. */
    public static Path sharedData() {
        String prop = System.getProperty("vigil.shared");
        Path base = prop != null && !prop.isBlank() && !prop.contains("${") ? Path.of(prop)
                : repoRoot().resolveSibling("shared");
        Path data = base.resolve("data");
        return Files.isDirectory(data) ? data : null;
    }

    /** A file under ../shared/data; skips the calling test (with the reason) when it is absent. */
    public static Path shared(String relative) {
        Path data = sharedData();
        assumeTrue(data != null, "skipped: ../shared/data is not present in this checkout (needed: " + relative + ")");
        Path p = data.resolve(relative);
        assumeTrue(Files.exists(p), "skipped: " + p + " is not present");
        return p;
    }
}
