package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.openqa.selenium.support.ui.Select;

/** The report page in a real headless Chromium (Debian's chromium and chromium-driver). */
class ReportBrowserTest {

    @TempDir
    static Path tmp;

    static ChromeDriver browser;
    static Path report;

    @BeforeAll
    static void start() {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(driver),
                "skipped: Debian's chromium and chromium-driver are not installed (./test installs them as root)");
        Path out = tmp.resolve("out");
        assertThat(Cli.run("analyze", "-q", "--out", out.toString(), Cli.sample().toString()).exit()).isZero();
        report = out.resolve("report.html");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        browser = new ChromeDriver(service, o);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#devices tbody tr.dev"));
    }

    /**
     * Names a device's owner could be given (an asset file, an analyst's annotation) that used to
     * blank the page: inside the data block, {@code <!--<script>} made the tokenizer swallow the
     * page's own script.
     */
    @Test
    void hostileNamesAreShownAsTextAndThePageStillDraws() throws Exception {
        com.fasterxml.jackson.databind.JsonNode inventory = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.resolveSibling("inventory.json").toFile());
        String id = inventory.get(0).get("id").asText();
        Path assets = tmp.resolve("hostile-assets.csv");
        Files.writeString(assets, "device,owner,location\n" + id + ",\"<!--<script>\",\"</script><script>document.title='owned'"
                + "</script>\u2028&amp;\"\n");
        Path out = tmp.resolve("hostile");
        assertThat(Cli.run("analyze", "-q", "--out", out.toString(), "--assets", assets.toString(), Cli.sample().toString())
                .exit()).isZero();
        browser.get(out.resolve("report.html").toUri().toString());
        assertThat(rows()).hasSize(inventory.size());
        browser.findElement(By.cssSelector("#devices tbody tr.dev[data-id='" + id + "']")).click();
        assertThat(browser.findElement(By.cssSelector("tr.detail")).getText()).contains("Owner <!--<script>")
                .contains("</script><script>document.title='owned'</script>");
        assertThat(browser.getTitle()).isEqualTo("Vigil report");
        assertThat(severe()).as("JavaScript errors and policy violations on the page").isEmpty();
    }

    static List<LogEntry> severe() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    @Test
    void pageShowsEveryDeviceFiltersAndExplains() throws Exception {
        browser.get(report.toUri().toString());
        int devices = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.resolveSibling("summary.json").toFile()).get("devices").asInt();
        assertThat(rows()).hasSize(devices);
        assertThat(browser.findElement(By.id("count")).getText()).isEqualTo(devices + " of " + devices + " devices");
        assertThat(browser.findElements(By.cssSelector("#chart-types svg rect"))).isNotEmpty();

        new Select(browser.findElement(By.id("f-type"))).selectByValue("camera");
        assertThat(rows()).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains("camera"));
        new Select(browser.findElement(By.id("f-type"))).selectByValue("");

        WebElement q = browser.findElement(By.id("q"));
        q.sendKeys("Philips-hue");
        assertThat(rows()).hasSize(1);
        rows().get(0).click();
        WebElement evidence = browser.findElement(By.cssSelector("tr.detail table.evidence"));
        assertThat(evidence.getText()).contains("hub");
        assertThat(browser.findElement(By.cssSelector("tr.detail")).getText()).contains("Identity").contains("Evidence")
                .containsIgnoringCase("Trust factor").contains("Actions");
        // the plan, the risk matrix and the programme metrics
        assertThat(browser.findElements(By.cssSelector("#plan-table tr"))).hasSizeGreaterThan(5);
        assertThat(browser.findElement(By.id("plan-table")).getText()).contains("Fix its TLS");
        assertThat(browser.findElements(By.cssSelector("#matrix td.cell"))).hasSize(25);
        assertThat(browser.findElement(By.id("metrics")).getText()).contains("Compliance").contains("Firmware");
        q.clear();
        q.sendKeys("no-such-device-anywhere");
        assertThat(rows()).isEmpty();

        assertThat(severe()).as("JavaScript errors and policy violations on the page").isEmpty();
    }
}
