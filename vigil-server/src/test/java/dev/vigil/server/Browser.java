package dev.vigil.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.server.auth.Totp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
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

/** A real headless Chromium (Debian's chromium and chromium-driver) for the dashboard tests. */
final class Browser implements AutoCloseable {

    final ChromeDriver driver;
    final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        // a view rendered again while a condition reads it: the condition is tried again on the new one
        this.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /** A browser of {@code width} × 1000 pixels; the test is skipped when chromium is not installed. */
    static Browser start(Path profile, int width) {
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
                "skipped: Debian's chromium and chromium-driver are not installed (./test installs them as root)");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + width + ",1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        return new Browser(new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .build(), o));
    }

    WebDriverWait waits() {
        return wait;
    }

    WebElement el(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        return driver.findElements(By.cssSelector(css));
    }

    /** Runs a script in the page. */
    Object js(String script, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Every input, select and textarea inside {@code css} has a label that names it. */
    void labelled(String css) {
        Object unlabelled = js("return [...document.querySelectorAll(arguments[0] + ' input:not([type=checkbox]), ' + arguments[0]"
                + " + ' select, ' + arguments[0] + ' textarea')].filter(e => !e.id || !document.querySelector('label[for=\"' + e.id"
                + " + '\"]')).map(e => e.outerHTML)", css);
        org.assertj.core.api.Assertions.assertThat((List<?>) unlabelled).as("fields without a label in " + css).isEmpty();
    }

    /** Goes to a page and waits until it replaced the view shown (a change of the hash alone does not reload the page). */
    void go(String url) {
        List<WebElement> shown = driver.findElements(By.cssSelector("#view > *"));
        driver.get(url);
        if (!shown.isEmpty()) {
            wait.until(ExpectedConditions.stalenessOf(shown.get(0)));
        }
    }

    /** Screenshots for people to look at (target/dashboard-*.png); not compared. */
    void shot(String name) throws java.io.IOException {
        Files.write(Path.of("target", "dashboard-" + name + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    /** The bootstrap admin's first sign-in: one-time password, a password of one's own, then TOTP. */
    String firstSignIn(TestServer ts, String base) {
        driver.get(base);
        el("#login-form");
        el("#username").sendKeys("admin");
        el("#password").sendKeys(ts.server.oneTimePassword());
        el("#login-button").click();
        el("#new-password").sendKeys(TestServer.ADMIN_PASSWORD);
        el("#set-password").click();
        String secret = el("#totp-secret").getText();
        el("#totp-code").sendKeys(Totp.code(secret, Totp.step(System.currentTimeMillis())));
        el("#totp-confirm").click();
        return secret;
    }

    /** Errors the page logged: script errors and resources the content security policy blocked. */
    List<LogEntry> severe() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // the page asks /api/me once before signing in: that 401 is the expected answer
                .filter(e -> !e.getMessage().contains("/api/me - Failed to load resource: the server responded with a status of 401"))
                // and a step-up change asked for past the step-up window: 403 until the page re-authenticated
                .filter(e -> !e.getMessage().contains("/api/tokens - Failed to load resource: the server responded with a status of 403"))
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
