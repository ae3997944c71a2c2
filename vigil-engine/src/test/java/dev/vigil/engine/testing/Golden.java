package dev.vigil.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files: canonical JSON lines diffed against a committed baseline under
 * src/test/resources/golden of the calling module. Run with {@code -Dvigil.golden.update=true}
 * ({@code ./test --update-golden}) to rewrite the baselines; a reviewer reads the diff.
 */
public final class Golden {

    private Golden() {
    }

    public static boolean updating() {
        return Boolean.parseBoolean(System.getProperty("vigil.golden.update", "false"));
    }

    /** Compares lines with golden/NAME.jsonl of the module under test (the working directory). */
    public static void assertMatches(String name, List<String> lines) {
        Path file = Path.of("src/test/resources/golden").resolve(name + ".jsonl");
        String actual = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        try {
            if (updating()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file).as("golden file %s is missing: run ./test --update-golden and review the diff", file)
                    .exists();
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(actual).as("output differs from %s (./test --update-golden rewrites it)", file)
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
