package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.intel.IntelStore;
import dev.vigil.detect.trust.TrustConfig;
import dev.vigil.engine.testing.TestData;
import dev.vigil.server.auth.Totp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's views as an analyst uses them, in a real headless Chromium against a real server
 * fed real captures (a botnet lab, the IoT sample, an SSH capture checked against an NVD record):
 * sign-in and enrolment, inventory filters, a device's traffic, the alert queue, the vulnerability
 * view, the talk map and the charts over time.
 */
class DashboardViewsTest {

    @TempDir
    static Path tmp;

    static TestServer ts;
    static Browser b;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        b = Browser.start(tmp.resolve("profile"), 1400);
        IntelStore intel = new IntelStore(tmp.resolve("intel"));
        intel.importFile(TestData.repoRoot().resolve("vigil-server/src/test/resources/intel/CVE-2016-6210.json"), null);
        ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of(TestData.capture("vigil-netns-botnet.pcap"),
                TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz"), TestData.capture("ndpi-ssh.pcap")))
                .withAnalysis(AnalysisConfig.defaults().withIntel(intel), TrustConfig.defaults())).settle();
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

    private static Object js(String script, Object... args) {
        return b.js(script, args);
    }

    private static void labelled(String css) {
        b.labelled(css);
    }

    private static String decodeQr(WebElement img) throws Exception {
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(img.getScreenshotAs(OutputType.BYTES)));
        int[] px = shot.getRGB(0, 0, shot.getWidth(), shot.getHeight(), null, 0, shot.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(shot.getWidth(),
                shot.getHeight(), px))), Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    private static List<WebElement> rows(String css) {
        return b.driver.findElements(By.cssSelector(css));
    }

    private static void go(String hash) {
        b.go(base + hash);
    }

    @Test
    void anAnalystsRound() throws Exception {
        // sign-in: no navigation bar until the session is complete; enrolment with a QR code that reads back
        go("");
        b.el("#login-form");
        assertThat(b.driver.findElement(By.id("top")).isDisplayed()).isFalse();
        labelled("#login-form");
        b.el("#username").sendKeys("admin");
        b.el("#password").sendKeys(ts.server.oneTimePassword());
        b.el("#login-button").click();
        labelled("#setup");
        b.el("#new-password").sendKeys(TestServer.ADMIN_PASSWORD);
        b.el("#set-password").click();
        String secret = b.el("#totp-secret").getText();
        b.waits().until(d -> Boolean.TRUE.equals(js("const i = document.getElementById('totp-qr'); return i.complete && i.naturalWidth > 0")));
        String uri = decodeQr(b.el("#totp-qr"));
        assertThat(uri).startsWith("otpauth://totp/").contains("secret=" + secret);
        labelled("#setup");
        assertThat(b.driver.findElement(By.id("top")).isDisplayed()).isFalse();
        b.el("#totp-code").sendKeys(Totp.code(secret, Totp.step(System.currentTimeMillis())));
        b.el("#totp-confirm").click();
        b.el("#c-devices");
        assertThat(b.el("#top").isDisplayed()).isTrue();
        TestServer.Client api = ts.anonymous();
        TestServer.Answer login = api.post("/api/login", Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD,
                "code", Totp.code(secret, Totp.step(System.currentTimeMillis()) + 1)));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        TestServer.Client admin = ts.token(ts.newToken(withCsrf(api, login), "views", "admin"));

        // the overview's chart over time: a time axis and a range picker
        b.waits().until(d -> b.el("#trend").getAttribute("data-points") != null);
        double all = ((Number) js("return document.getElementById('trend')._plot.scales.x.min")).doubleValue();
        new Select(b.el("#trend-range")).selectByValue("3600");
        double hour = ((Number) js("return document.getElementById('trend')._plot.scales.x.min")).doubleValue();
        double max = ((Number) js("return document.getElementById('trend')._plot.scales.x.max")).doubleValue();
        assertThat(max - hour).isLessThanOrEqualTo(3600.0 + 1);
        assertThat(hour).isGreaterThanOrEqualTo(all);
        assertThat(b.el("#trend").getText()).contains("packet time (UTC)");

        inventory(admin);
        alertQueue();
        vulnerabilities();
        talkMap();
        assertThat(b.severe()).as("script errors or blocked resources").isEmpty();
    }

    private static TestServer.Client withCsrf(TestServer.Client c, TestServer.Answer login) {
        c.csrf = login.json().get("csrf").asText();
        return c;
    }

    private void inventory(TestServer.Client admin) throws Exception {
        // the type filter offers what the classifier gives, as the data spells it
        go("#/devices");
        List<String> types = new Select(b.el("#f-type")).getOptions().stream().map(o -> o.getAttribute("value")).toList();
        assertThat(types).contains("plug", "light", "appliance", "smart_speaker", "industrial_controller", "medical_device")
                .doesNotContain("smart speaker", "industrial controller", "medical device");
        new Select(b.el("#f-type")).selectByValue("plug");
        b.waits().until(d -> d.getCurrentUrl().contains("type=plug"));
        b.waits().until(d -> !rows("#devices tbody tr.dev").isEmpty()
                && rows("#devices tbody tr.dev").stream().allMatch(r -> r.getText().contains("plug")));
        // vendors whatever their case
        go("#/devices?vendor=belkin");
        b.waits().until(d -> !rows("#devices tbody tr.dev").isEmpty()
                && rows("#devices tbody tr.dev").stream().allMatch(r -> r.getText().contains("Belkin")));
        labelled(".filters");

        // what people say of a device: owner, location, zone, tags; each a filter, owners and tags found by the search
        JsonNode camera = admin.get("/api/devices?type=camera&limit=1").json().get("items").get(0);
        String id = camera.get("id").asText();
        assertThat(admin.call("PATCH", "/api/devices/" + id, Map.of("owner", "Dana Scully", "location", "Ward 3", "zone", "Clinical",
                "tags", List.of("infusion"))).status()).isEqualTo(200);
        for (String hash : List.of("#/devices?owner=dana%20scully", "#/devices?location=ward%203", "#/devices?zone=clinical",
                "#/devices?tag=infusion", "#/devices?q=scully", "#/devices?q=infusion")) {
            // from an empty list each time, so the one row seen is this filter's
            go("#/devices?q=nobody-owns-this");
            b.el("#devices-empty");
            go(hash);
            b.waits().until(d -> d.getCurrentUrl().endsWith(hash));
            b.waits().until(d -> rows("#devices tbody tr.dev").size() == 1
                    && id.equals(rows("#devices tbody tr.dev").get(0).getAttribute("data-id")));
        }
        go("#/devices?q=nobody-owns-this");
        assertThat(b.el("#devices-empty").getText()).isEqualTo("No device matches these filters.");

        // a device's page: the same main address as the list, services, the names it used for its peers
        JsonNode named = null;
        for (JsonNode d : admin.get("/api/devices?limit=1000").json().get("items")) {
            JsonNode tr = admin.get("/api/devices/" + d.get("id").asText() + "/traffic").json();
            assertThat(tr.get("services")).allSatisfy(s -> assertThat(s.get("answered").asLong()).isPositive());
            for (JsonNode p : tr.get("peers")) {
                if (!p.get("names").isEmpty() && named == null) {
                    named = d;
                }
            }
        }
        assertThat(named).as("a device with a named peer").isNotNull();
        go("#/device/" + java.net.URLEncoder.encode(named.get("id").asText(), "UTF-8"));
        assertThat(b.el("#identity").getText()).contains("Address\n" + named.get("ip").asText());
        b.waits().until(d -> rows("#peers tbody td.names").stream().anyMatch(td -> !td.getText().equals("–")));
        labelled("#annotate");
        b.shot("views-device");
    }

    private void alertQueue() throws Exception {
        // one alert a page, and the pages go on
        go("#/alerts?limit=1");
        b.waits().until(d -> rows("#alerts tbody tr.alert").size() == 1);
        String total = b.el("#alert-count").getText().split(" ")[0];
        assertThat(Integer.parseInt(total)).isGreaterThan(1);
        assertThat(b.el("#page").getText()).isEqualTo("1–1 of " + total);
        b.el("#next").click();
        b.waits().until(d -> b.el("#page").getText().equals("2–2 of " + total));
        labelled(".filters");

        // filters by type and device; the CSV link carries them
        go("#/alerts");
        b.waits().until(d -> !rows("#alerts tbody tr.alert").isEmpty());
        String type = rows("#alerts tbody tr.alert .mono").get(0).getText();
        new Select(b.el("#f-type")).selectByValue(type);
        b.waits().until(d -> d.getCurrentUrl().contains("type=" + type));
        b.waits().until(d -> rows("#alerts tbody tr.alert").stream().allMatch(r -> r.getText().contains(type)));
        assertThat(b.el("#alerts-csv").getAttribute("href")).contains("/api/alerts.csv?").contains("type=" + type);

        // bulk: select the page, assign it, then acknowledge it
        b.el("#pick-all").click();
        new Select(b.el("#bulk-assignee")).selectByValue("admin");
        b.el("#bulk-assign").click();
        b.waits().until(d -> rows("#alerts tbody tr.alert").stream().allMatch(r -> r.getText().contains("admin")));
        int n = rows("#alerts tbody tr.alert").size();
        b.el("#pick-all").click();
        b.el("#bulk-ack").click();
        b.waits().until(d -> rows("#alerts tbody td.status").size() == n
                && rows("#alerts tbody td.status").stream().allMatch(td -> td.getText().equals("acknowledged")));

        // one alert: assign it from the page, download its packets
        rows("#alerts tbody tr.alert td.click a").get(0).click();
        new Select(b.el("#assignee")).selectByValue("admin");
        b.el("#a-assign").click();
        b.waits().until(d -> b.el("#alert-assignee").getText().equals("admin"));
        assertThat(b.driver.findElements(By.id("packets")).size() + b.driver.findElements(By.id("no-packets")).size()).isEqualTo(1);
        b.driver.findElements(By.id("packets")).forEach(a -> assertThat(a.getAttribute("href")).endsWith("/packets.pcap"));
        labelled("#view");

        // nothing open of that type any more: the queue says so
        go("#/alerts?status=open&type=" + type);
        assertThat(b.el("#alerts-empty").getText()).isEqualTo("No alert matches these filters.");
    }

    private void vulnerabilities() throws Exception {
        b.el("a[data-nav=vulns]").click();
        b.waits().until(d -> !rows("#vulns tbody tr.vuln").isEmpty());
        WebElement row = b.el("#vulns tr[data-cve='CVE-2016-6210']");
        assertThat(row.findElement(By.cssSelector("td.reach")).getText()).startsWith("2 devices").contains("172.16.238.168");
        assertThat(row.findElement(By.cssSelector("td.fix")).getText()).isEqualTo("fixed in 7.3");
        assertThat(row.getText()).contains("not in KEV").contains("CVSS 5.9");
        new Select(b.el("#v-fix")).selectByValue("none");
        assertThat(b.el("#vulns-empty").getText()).isEqualTo("No CVE matches these filters.");
        b.shot("views-vulnerabilities");
    }

    private void talkMap() throws Exception {
        go("#/map");
        b.waits().until(d -> b.el("#talkmap").getAttribute("data-nodes") != null);
        assertThat(Integer.parseInt(b.el("#talkmap").getAttribute("data-groups"))).isGreaterThan(2);
        assertThat(b.el("#map-legend").getText()).contains("Trust tier").contains("quarantined").contains("outside address");
        double zoom = ((Number) js("return window.vigilTalkMap.zoom()")).doubleValue();
        b.el("#m-zoom-in").click();
        assertThat(((Number) js("return window.vigilTalkMap.zoom()")).doubleValue()).isGreaterThan(zoom);
        b.el("#m-search").sendKeys("192.168.77.10");
        b.waits().until(d -> "1".equals(b.el("#talkmap").getAttribute("data-matches")));
        new Select(b.el("#m-colour")).selectByValue("alerts");
        b.waits().until(d -> b.el("#map-legend").getText().contains("Open alerts"));
        new Select(b.el("#m-group")).selectByValue("zone");
        b.waits().until(d -> d.getCurrentUrl().contains("group=zone"));
        b.waits().until(d -> Boolean.TRUE.equals(js("return !!window.vigilTalkMap && window.vigilTalkMap.$id('group:zone clinical').length === 1")));
        new Select(b.el("#m-show")).selectByValue("alerts");
        b.waits().until(d -> d.getCurrentUrl().contains("show=alerts"));
        long withAlerts = ts.server.store().read(h -> h.createQuery("SELECT COUNT(DISTINCT device_id) FROM alerts WHERE status <> 'resolved'")
                .mapTo(Long.class).one());
        b.waits().until(d -> Long.toString(withAlerts).equals(b.el("#talkmap").getAttribute("data-nodes")));
        labelled(".filters");
        b.shot("views-map");
    }
}
