package dev.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A source whose thread meets an Error says it failed, instead of showing RUNNING while nothing runs. */
class SourceErrorTest {

    @Test
    void anErrorInASourceMarksItFailed() {
        Source s = new Source("test:overflow", "test") {
            @Override
            protected void read() {
                throw new StackOverflowError("a parser recursed too deep");
            }
        };
        s.run();
        assertThat(s.status().state()).isEqualTo(Source.State.FAILED);
        assertThat(s.status().message()).contains("StackOverflowError");
    }
}
