package dev.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.PackageCycles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** No package of the detection core depends on itself through others. */
class PackageCyclesTest {

    @Test
    void theDetectionPackagesHaveNoCycle() {
        assertThat(PackageCycles.cycles(Path.of("target/classes"))).isEmpty();
    }
}
