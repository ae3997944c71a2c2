package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The report page as an analyst reads it on a 1366-pixel laptop screen, in a real headless
 * Chromium: it fits, the findings open to their evidence and remediation, devices are named and
 * lead to their row, the peer and the HTTP Host are apart, the risk matrix names its axes, and many
 * inputs are summed up.
 */
class ReportLayoutTest {

    @TempDir
    static Path tmp;

    static ChromeDriver browser;
    static Path report;
    static int inputs;

    @BeforeAll
    static void start() {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(driver),
                "skipped: Debian's chromium and chromium-driver are not installed (./test installs them as root)");
        List<String> args = new ArrayList<>(List.of("analyze", "-q", "--out", tmp.resolve("out").toString(), Cli.sample().toString()));
        for (String c : List.of("ndpi-http-auth.pcap", "ndpi-telnet.pcap", "ndpi-ssh.pcap", "ndpi-mqtt.pcap", "zeek-dhcp.pcap",
                "ndpi-snmp.pcap")) {
            args.add(TestData.capture(c).toString());
        }
        inputs = args.size() - 4;
        assertThat(Cli.run(args.toArray(String[]::new)).exit()).isZero();
        report = tmp.resolve("out/report.html");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1366,768",
                "--user-data-dir=" + tmp.resolve("profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build(), o);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Clicks in the middle of the screen (the sticky table headers cover the top). */
    private static void click(WebElement e) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    private static void fits() {
        long scroll = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        long client = ((Number) js("return document.documentElement.clientWidth")).longValue();
        assertThat(scroll).as("page width at 1366 px").isLessThanOrEqualTo(client);
    }

    @Test
    void readsOnALaptopScreen() throws Exception {
        browser.get(report.toUri().toString());
        assertThat(((Number) js("return window.innerWidth")).intValue()).isEqualTo(1366);
        fits();

        // many inputs: counted and named in short at the top, every one listed under Input
        String meta = browser.findElement(By.id("meta")).getText();
        assertThat(meta).startsWith(inputs + " inputs: iot-lab.pcapng.gz (pcapng+gzip), ").contains("and " + (inputs - 3) + " more");
        assertThat(meta).doesNotContain("ndpi-snmp.pcap");
        WebElement list = browser.findElement(By.id("inputs"));
        click(list.findElement(By.tagName("summary")));
        assertThat(list.findElements(By.cssSelector("li"))).hasSize(inputs);

        // the risk matrix names its axes and what each cell counts
        WebElement matrix = browser.findElement(By.id("matrix"));
        assertThat(matrix.getText()).contains("Impact (what the device is)").contains("Likelihood").contains("5 critical")
                .contains("1 minor");
        assertThat(matrix.findElements(By.cssSelector("td.cell"))).hasSize(25)
                .allSatisfy(c -> assertThat(c.getAttribute("title")).matches("\\d+ devices?: likelihood \\d × impact \\d = risk \\d+ \\(\\w+\\)"));

        // a finding opens to its evidence and what to do
        List<WebElement> findings = browser.findElements(By.cssSelector("#findings-table tr.finding"));
        assertThat(findings).isNotEmpty();
        WebElement http = browser.findElement(By.cssSelector("#findings-table tr.finding[data-type='update.cleartext_http']"));
        // the peer is an address (and port), the HTTP Host a field of its own
        String peer = http.findElement(By.cssSelector("td.peer")).getText();
        assertThat(peer).matches("[0-9a-f.:\\[\\]]+:80");
        assertThat(http.findElement(By.cssSelector("td.host")).getText()).isNotEqualTo("—").doesNotContain(peer);
        click(http.findElement(By.cssSelector("td.peer")));
        WebElement detail = browser.findElement(By.cssSelector("#findings-table tr.finding-detail"));
        assertThat(detail.getText()).contains("Evidence").contains("What to do");
        assertThat(detail.findElement(By.cssSelector(".remediation")).getText()).isNotBlank().isNotEqualTo("—");
        fits();

        // repeats of one weakness on one device are one row (issue 11: 32 of 41 rows were one TLS weakness),
        // opening to each finding's evidence and the peers inside
        List<WebElement> groups = browser.findElements(By.cssSelector("#findings-table tr.finding.group"));
        assertThat(groups).isNotEmpty();
        WebElement group = groups.getFirst();
        assertThat(group.findElement(By.cssSelector(".more")).getText()).containsPattern("\\d+ findings");
        click(group.findElement(By.cssSelector("td.host")));
        WebElement opened = browser.findElements(By.cssSelector("#findings-table tr.finding.group")).getFirst()
                .findElement(By.xpath("following-sibling::tr[1]"));
        assertThat(opened.getAttribute("class")).isEqualTo("finding-detail");
        assertThat(opened.findElements(By.xpath(".//h3[starts-with(., 'Evidence: ')]")).size()).isGreaterThan(1);
        assertThat(opened.findElements(By.cssSelector(".remediation"))).hasSize(1);
        click(browser.findElements(By.cssSelector("#findings-table tr.finding.group")).getFirst().findElement(By.cssSelector("td.host")));
        fits();

        // the device is named, and its name leads to its row, opened
        http = browser.findElement(By.cssSelector("#findings-table tr.finding[data-type='update.cleartext_http']"));
        WebElement link = http.findElement(By.cssSelector("td.device a"));
        String name = link.getText();
        assertThat(name).doesNotStartWith("mac:").doesNotMatch("[0-9.]+");
        click(link);
        WebElement row = browser.findElement(By.cssSelector("#devices tr.dev.target"));
        assertThat(row.getText()).contains(name);
        assertThat(browser.findElements(By.cssSelector("#devices tr.detail"))).hasSize(1);
        fits();

        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList()).as("JavaScript errors").isEmpty();
        Files.write(Path.of("target", "report-1366.png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }
}
