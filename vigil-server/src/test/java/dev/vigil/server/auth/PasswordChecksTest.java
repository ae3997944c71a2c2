package dev.vigil.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The global cap on password checks fires: with every permit held and the queue full, the next
 * sign-in is refused at once as busy (the API answers 503 with Retry-After), and counted; and the
 * Argon2id work each check does is the 64 MiB, 3 passes the documentation states.
 */
class PasswordChecksTest {

    @Test
    void withEveryPermitHeldAndTheQueueFullTheNextCheckIsBusy() throws Exception {
        AuthLimits d = AuthLimits.DEFAULT;
        AuthLimits one = new AuthLimits(1, 0, 50, d.failuresBeforeDelay(), d.accountFailuresBeforeDelay(), d.firstDelayMillis(),
                d.maxDelayMillis(), d.forgetFailuresMillis(), d.attemptsPerMinutePerAddress(), d.sessionMillis(), d.idleMillis(),
                d.stepUpMillis(), d.oneTimePasswordMillis(), d.knownAddressesPerUser());
        PasswordChecks checks = new PasswordChecks(one);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> checks.run(() -> {
            holding.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> checks.run(() -> true)).isInstanceOf(PasswordChecks.Busy.class);
        assertThat(checks.refused()).isEqualTo(1);
        release.countDown();
        t.join();
        // once the permit is back, a check runs
        assertThat(checks.run(() -> "ran")).isEqualTo("ran");
    }

    @Test
    void argon2idRunsWith64MibAndThreePasses() {
        String h = Passwords.hash("correct horse battery staple");
        assertThat(h).startsWith("$argon2id$v=19$m=65536,t=3,p=");
        assertThat(Passwords.verify("correct horse battery staple", h)).isTrue();
        assertThat(Passwords.verify("correct horse battery stapl", h)).isFalse();
        assertThat(Passwords.current(h)).isTrue();
        assertThat(Passwords.current(h.replace("m=65536", "m=19456"))).as("weaker stored hashes are upgraded at sign-in").isFalse();
    }
}
