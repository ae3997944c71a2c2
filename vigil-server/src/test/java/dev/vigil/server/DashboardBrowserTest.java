package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.engine.testing.TestData;
import dev.vigil.server.auth.Totp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
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
    static ChromeDriver browser;
    static WebDriverWait wait;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(driver),
                "skipped: Debian's chromium and chromium-driver are not installed (./test installs them as root)");
        ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of(TestData.capture("vigil-netns-botnet.pcap"),
                TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz")))).settle();
        base = "http://localhost:" + ts.server.port() + "/";
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + tmp.resolve("profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build(), o);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (ts != null) {
            ts.close();
        }
    }

    static WebElement el(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    static List<WebElement> all(String css) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        return browser.findElements(By.cssSelector(css));
    }

    /** Screenshots for people to look at (target/dashboard-*.png); not compared. */
    static void shot(String name) throws java.io.IOException {
        Files.write(Path.of("target", "dashboard-" + name + ".png"),
                browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    @Test
    void signInBrowseAndResolveAnAlert() throws Exception {
        browser.get(base);
        el("#login-form");
        el("#username").sendKeys("admin");
        el("#password").sendKeys(ts.server.oneTimePassword());
        el("#login-button").click();
        // first sign-in: a password of one's own, then the second factor
        el("#new-password").sendKeys(TestServer.ADMIN_PASSWORD);
        el("#set-password").click();
        String secret = el("#totp-secret").getText();
        el("#totp-code").sendKeys(Totp.code(secret, Totp.step(System.currentTimeMillis())));
        el("#totp-confirm").click();

        // overview
        el("#c-devices");
        long stored = ts.server.store().read(h -> h.createQuery("SELECT COUNT(*) FROM devices").mapTo(Long.class).one());
        wait.until(d -> el("#c-devices .n").getText().equals(Long.toString(stored)));
        assertThat(all("svg.chart rect.bar")).isNotEmpty();
        assertThat(all("#plan tbody tr")).isNotEmpty();
        assertThat(el("#c-alerts .n").getText()).isNotEqualTo("0");
        shot("overview");

        // inventory: search, then a device page
        el("a[data-nav=devices]").click();
        wait.until(d -> all("#devices tbody tr.dev").size() == Math.min(50, stored));
        assertThat(el("#count").getText()).isEqualTo(stored + " devices");
        // sorting by trust puts the quarantined botnet host first
        browser.findElements(By.cssSelector("#devices th.click")).stream().filter(t -> t.getText().startsWith("Trust")).findFirst()
                .orElseThrow().click();
        wait.until(d -> d.getCurrentUrl().contains("sort=trust"));
        wait.until(d -> all("#devices tbody tr.dev").get(0).getText().contains("192.168.77.10"));
        el("#q").sendKeys("192.168.77.10\n");
        wait.until(d -> all("#devices tbody tr.dev").size() == 1);
        all("#devices tbody tr.dev").get(0).click();
        assertThat(el("#identity").getText()).contains("192.168.77.10");
        assertThat(all("#factors .factor")).isNotEmpty();
        assertThat(el("#trust-history").getText()).contains("behavior −");
        assertThat(all("#findings tbody tr")).isNotEmpty();
        assertThat(el("#d-trust .n").getText()).matches("[0-9.]+");
        shot("device");

        // the alert queue: open the first alert, comment, resolve
        el("a[data-nav=alerts]").click();
        int open = all("#alerts tbody tr.alert").size();
        assertThat(open).isGreaterThan(0);
        all("#alerts tbody tr.alert").get(0).click();
        assertThat(el("#alert-status").getText()).isEqualTo("open");
        el("#comment").sendKeys("blocked the C2 address at the firewall");
        el("#a-resolve").click();
        wait.until(d -> el("#alert-status").getText().equals("resolved"));
        assertThat(el("#comments").getText()).contains("blocked the C2 address at the firewall");
        el("a[data-nav=alerts]").click();
        wait.until(d -> all("#alerts tbody tr.alert").size() == open - 1);
        long resolved = ts.server.store().read(h -> h.createQuery("SELECT COUNT(*) FROM alerts WHERE status = 'resolved' "
                + "AND resolved IS NOT NULL").mapTo(Long.class).one());
        assertThat(resolved).isEqualTo(1);

        // the talk map and ingestion pages draw
        el("a[data-nav=map]").click();
        assertThat(all("#talkmap circle")).hasSizeGreaterThan(5);
        assertThat(all("#talkmap line")).isNotEmpty();
        shot("map");
        el("a[data-nav=ingest]").click();
        assertThat(el("#sources").getText()).contains("DONE");

        // administration: a new analyst with a one-time password, a token, the audit log verified
        el("a[data-nav=admin]").click();
        el("#new-user").sendKeys("carol");
        new org.openqa.selenium.support.ui.Select(el("#new-user-role")).selectByValue("analyst");
        el("#create-user").click();
        wait.until(d -> el("#admin-msg").getText().contains("One-time password"));
        el("#new-token").sendKeys("siem");
        el("#create-token").click();
        wait.until(d -> el("#admin-msg").getText().contains("vgl_"));
        // past the step-up window the page asks for the password and a code again, then goes on
        ts.server.store().writeVoid(h -> h.createUpdate("UPDATE sessions SET reauth_until = 0").execute());
        el("#new-token").clear();
        el("#new-token").sendKeys("siem2");
        el("#create-token").click();
        el("#reauth-password").sendKeys(TestServer.ADMIN_PASSWORD);
        el("#reauth-code").sendKeys(Totp.code(secret, Totp.step(System.currentTimeMillis()) + 1));
        el("#reauth-button").click();
        wait.until(d -> el("#admin-msg").getText().contains("Token siem2"));
        el("#verify-audit").click();
        wait.until(d -> el("#audit-verify").getText().startsWith("intact"));
        assertThat(el("#audit").getText()).contains("alert.resolve").contains("totp.enable");

        // one's own account: two-factor is on
        el("#who").click();
        assertThat(el("#totp-state").getText()).isEqualTo("on");
        el("#change-password");

        // no script error, no blocked resource (the content security policy holds)
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // the page asks /api/me once before signing in: that 401 is the expected answer
                .filter(e -> !e.getMessage().contains("/api/me - Failed to load resource: the server responded with a status of 401"))
                // and the token asked for past the step-up window: 403 until the page re-authenticated
                .filter(e -> !e.getMessage().contains("/api/tokens - Failed to load resource: the server responded with a status of 403"))
                .toList();
        assertThat(severe).isEmpty();

        // the full report over the store: the same page vigil analyze writes, with every stored device,
        // even when an annotation is markup (it used to blank the page)
        ts.server.store().writeVoid(h -> h.createUpdate("UPDATE devices SET location = '<!--<script>' WHERE id IN "
                + "(SELECT id FROM devices ORDER BY id LIMIT 1)").execute());
        browser.get(base + "api/report.html");
        wait.until(d -> all("#devices tbody tr.dev").size() == stored);
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())).as("errors on the report page").isEmpty();
        browser.get(base);
        el("#c-devices");

        // signing out ends the session
        el("#logout").click();
        el("#login-form");
        browser.get(base + "#/devices");
        el("#login-form");
    }
}
