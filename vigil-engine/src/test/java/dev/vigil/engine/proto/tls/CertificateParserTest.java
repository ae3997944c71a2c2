package dev.vigil.engine.proto.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CertificateParserTest {

    /**
     * Issue 16 audit: the cache kept the last 4096 certificates whatever their size, so a peer
     * sending distinct 60 KB "certificates" (rejected, but cached as such) made it hold 240 MB.
     */
    @Test
    void theCacheIsBoundedInBytesNotOnlyInEntries() {
        CertificateParser p = new CertificateParser();
        Random rnd = new Random(16);
        byte[] blob = new byte[60_000];
        for (int i = 0; i < 300; i++) {
            rnd.nextBytes(blob);
            assertThat(p.parse(blob, 0, blob.length)).isNull();
            assertThat(p.cachedBytes()).isLessThanOrEqualTo(CertificateParser.CACHE_BYTES);
        }
        assertThat(p.cachedBytes()).isGreaterThan(CertificateParser.CACHE_BYTES - 60_000L);
    }
}
