package dev.vigil.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.PackageCycles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** No package of vigil-enforce depends on itself through others. */
class PackageCyclesTest {

    @Test
    void thePackagesHaveNoCycle() {
        assertThat(PackageCycles.cycles(Path.of("target/classes"))).isEmpty();
    }
}
