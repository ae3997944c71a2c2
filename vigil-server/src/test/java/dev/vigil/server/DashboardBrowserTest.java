package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.TestData;
import dev.vigil.server.auth.Totp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver) against a real
 * server: first sign-in with the one-time password, new password and TOTP enrolment, then browse and
 * resolve an alert.
 */
class DashboardBrowserTest {

    @TempDir
    static Path tmp;

    static TestServer ts;
    static Browser b;
    static ChromeDriver browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        b = Browser.start(tmp.resolve("profile"), 1400);
        browser = b.driver;
        ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of(TestData.capture("vigil-netns-botnet.pcap"),
                TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz")))).settle();
        base = "http://localhost:" + ts.server.port() + "/";
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (ts != null) {
            ts.close();
        }
    }

    static WebElement el(String css) {
        return b.el(css);
    }

    static List<WebElement> all(String css) {
        return b.all(css);
    }

    static void shot(String name) throws java.io.IOException {
        b.shot(name);
    }

    static WebDriverWait waits() {
        return b.wait;
    }

    @Test
    void signInBrowseAndResolveAnAlert() throws Exception {
        String secret = b.firstSignIn(ts, base);

        // overview
        el("#c-devices");
        long stored = ts.server.store().read(h -> h.createQuery("SELECT COUNT(*) FROM devices").mapTo(Long.class).one());
        waits().until(d -> el("#c-devices .n").getText().equals(Long.toString(stored)));
        assertThat(all("#tier-meters meter")).hasSize(3);
        waits().until(d -> el("#trend").getAttribute("data-points") != null);
        assertThat(all("#trend canvas")).isNotEmpty();
        assertThat(all("#plan tbody tr")).isNotEmpty();
        assertThat(el("#c-alerts .n").getText()).isNotEqualTo("0");
        shot("overview");

        // inventory: search, then a device page
        el("a[data-nav=devices]").click();
        waits().until(d -> all("#devices tbody tr.dev").size() == Math.min(50, stored));
        assertThat(el("#count").getText()).isEqualTo(stored + " devices");
        // sorting by trust puts the quarantined botnet host first
        browser.findElements(By.cssSelector("#devices th.click")).stream().filter(t -> t.getText().startsWith("Trust")).findFirst()
                .orElseThrow().click();
        waits().until(d -> d.getCurrentUrl().contains("sort=trust"));
        waits().until(d -> all("#devices tbody tr.dev").get(0).getText().contains("192.168.77.10"));
        el("#q").sendKeys("192.168.77.10\n");
        waits().until(d -> all("#devices tbody tr.dev").size() == 1);
        all("#devices tbody tr.dev").get(0).click();
        assertThat(el("#identity").getText()).contains("192.168.77.10");
        assertThat(all("#factors .factor")).isNotEmpty();
        assertThat(el("#trust-history").getText()).contains("behavior −");
        assertThat(all("#findings tbody tr")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getAttribute("data-weakness")).isNotBlank());
        // a row per weakness: never more rows than the device has findings, and the two alike in name
        assertThat(all("#findings tbody tr").stream().map(r -> r.getAttribute("data-weakness")).distinct().count())
                .isEqualTo(all("#findings tbody tr").size());
        assertThat(el("#d-trust .n").getText()).matches("[0-9.]+");
        // the timeline: when it was first seen, its findings and its alerts, newest first
        assertThat(all("#timeline tbody tr[data-kind=change]")).isNotEmpty();
        assertThat(all("#timeline tbody tr[data-kind=finding]")).isNotEmpty();
        assertThat(el("#timeline").getText()).contains("first seen as 192.168.77.10");
        shot("device");

        // the alert queue: open the first alert, comment, resolve
        el("a[data-nav=alerts]").click();
        int open = all("#alerts tbody tr.alert").size();
        assertThat(open).isGreaterThan(0);
        all("#alerts tbody tr.alert td.click a").get(0).click();
        assertThat(el("#alert-status").getText()).isEqualTo("open");
        el("#comment").sendKeys("blocked the C2 address at the firewall");
        el("#a-resolve").click();
        waits().until(d -> el("#alert-status").getText().equals("resolved"));
        assertThat(el("#comments").getText()).contains("blocked the C2 address at the firewall");
        el("a[data-nav=alerts]").click();
        waits().until(d -> all("#alerts tbody tr.alert").size() == open - 1);
        long resolved = ts.server.store().read(h -> h.createQuery("SELECT COUNT(*) FROM alerts WHERE status = 'resolved' "
                + "AND resolved IS NOT NULL").mapTo(Long.class).one());
        assertThat(resolved).isEqualTo(1);

        // the talk map and ingestion pages draw
        el("a[data-nav=map]").click();
        waits().until(d -> el("#talkmap").getAttribute("data-nodes") != null);
        assertThat(Integer.parseInt(el("#talkmap").getAttribute("data-nodes"))).isGreaterThan(5);
        assertThat(all("#talkmap canvas")).isNotEmpty();
        shot("map");
        el("a[data-nav=ingest]").click();
        assertThat(el("#sources").getText()).contains("DONE");

        // administration: a new analyst with a one-time password, a token, the audit log verified
        el("a[data-nav=admin]").click();
        el("#new-user").sendKeys("carol");
        new org.openqa.selenium.support.ui.Select(el("#new-user-role")).selectByValue("analyst");
        el("#create-user").click();
        waits().until(d -> el("#admin-msg").getText().contains("One-time password"));
        el("#new-token").sendKeys("siem");
        el("#create-token").click();
        waits().until(d -> el("#admin-msg").getText().contains("vgl_"));
        // past the step-up window the page asks for the password and a code again, then goes on
        ts.server.store().write(h -> h.createUpdate("UPDATE sessions SET reauth_until = 0").execute());
        el("#new-token").clear();
        el("#new-token").sendKeys("siem2");
        el("#create-token").click();
        el("#reauth-password").sendKeys(TestServer.ADMIN_PASSWORD);
        el("#reauth-code").sendKeys(Totp.code(secret, Totp.step(System.currentTimeMillis()) + 1));
        el("#reauth-button").click();
        waits().until(d -> el("#admin-msg").getText().contains("Token siem2"));
        el("#verify-audit").click();
        waits().until(d -> el("#audit-verify").getText().startsWith("intact"));
        assertThat(el("#audit").getText()).contains("alert.resolve").contains("totp.enable");

        // one's own account: two-factor is on
        el("#who").click();
        assertThat(el("#totp-state").getText()).isEqualTo("on");
        el("#change-password");

        // no script error, no blocked resource (the content security policy holds)
        List<LogEntry> severe = b.severe();
        assertThat(severe).isEmpty();

        // the full report over the store: the same page vigil analyze writes, with every stored device,
        // even when an annotation is markup (it used to blank the page)
        ts.server.store().write(h -> h.createUpdate("UPDATE devices SET location = '<!--<script>' WHERE id IN "
                + "(SELECT id FROM devices ORDER BY id LIMIT 1)").execute());
        browser.get(base + "api/report.html");
        waits().until(d -> all("#devices tbody tr.dev").size() == stored);
        assertThat(b.severe()).as("errors on the report page").isEmpty();
        browser.get(base);
        el("#c-devices");

        // signing out ends the session
        el("#logout").click();
        el("#login-form");
        browser.get(base + "#/devices");
        el("#login-form");
    }
}
