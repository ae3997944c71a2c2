package dev.vigil.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.PackageCycles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** No package of the inputs depends on itself through others. */
class PackageCyclesTest {

    @Test
    void theInputsPackagesHaveNoCycle() {
        assertThat(PackageCycles.cycles(Path.of("target/classes"))).isEmpty();
    }
}
