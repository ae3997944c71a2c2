package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.inventory.observe.HttpObserver;
import dev.vigil.engine.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * The paths a device serves name its product: an Edimax plug's local API ({@code /smartplug.cgi})
 * in a real IoT Sentinel set-up capture (before: "Edimax, unknown") and in a lab where a scripted plug
 * answers curl; a web server that answers a scanner's product paths with 404 is named by none of them.
 * Cameras answering ONVIF's GetDeviceInformation and Hikvision's ISAPI deviceInfo are named by what
 * they answer: maker, model, firmware ({@code record-netns-device-api.sh}).
 */
class DeviceApiInventoryTest {

    @Test
    void aRealEdimaxPlugIsAPlugByTheApiItServes() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("iotsentinel-edimaxplug2101w-setup-c-1.pcap"));
        Device plug = Analyses.byMac(r, "74:da:38:23:22:7b");
        assertThat(plug.vendor()).isEqualTo("Edimax");
        assertThat(plug.type()).isEqualTo("plug");
        assertThat(plug.evidence()).anyMatch(e -> e.source().equals("http.path") && e.observed().equals("/smartplug.cgi"));
        // the app that asks is named by nothing it asked
        Device app = Analyses.byMac(r, "38:0b:40:ef:85:41");
        assertThat(app.evidence()).noneMatch(e -> e.source().equals("http.path"));
    }

    @Test
    void onlyPathsAnsweredWithSuccessCount() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("vigil-netns-device-api.pcap"));
        Device plug = Analyses.byMac(r, "74:da:38:79:00:30");
        assertThat(plug.type()).isEqualTo("plug");
        assertThat(plug.vendor()).isEqualTo("Edimax");

        Device web = Analyses.byMac(r, "02:00:5e:79:00:40");
        assertThat(web.type()).isNotIn("plug", "camera");
        assertThat(web.vendor()).isNull();
        assertThat(web.evidence()).noneMatch(e -> e.source().equals("http.path"));

        Device scanner = Analyses.byMac(r, "02:00:5e:79:00:05");
        assertThat(scanner.type()).isEqualTo("unknown");
        assertThat(scanner.model()).isNull();
        assertThat(scanner.vendor()).isNull();
    }

    @Test
    void camerasAreNamedByTheirIdentityAnswers() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("vigil-netns-device-api.pcap"));
        // ONVIF GetDeviceInformation, asked as a video management system does
        Device onvif = Analyses.byMac(r, "02:00:5e:79:00:50");
        assertThat(onvif.type()).isEqualTo("camera");
        assertThat(onvif.vendor()).isEqualTo("Dahua");
        assertThat(onvif.model()).isEqualTo("IPC-HDW2431T-AS-S2");
        assertThat(onvif.firmware()).startsWith("2.800.0000000.16.R");
        // Hikvision ISAPI deviceInfo
        Device isapi = Analyses.byMac(r, "02:00:5e:79:00:60");
        assertThat(isapi.type()).isEqualTo("camera");
        assertThat(isapi.model()).isEqualTo("DS-2CD2143G0-I");
        assertThat(isapi.firmware()).isEqualTo("V5.5.82");
        assertThat(isapi.evidence()).anyMatch(e -> e.source().equals("isapi.platform") && e.observed().equals("IPCamera"));
    }

    @Test
    void aRequestTargetBecomesItsPath() {
        assertThat(HttpObserver.path("/smartplug.cgi")).isEqualTo("/smartplug.cgi");
        assertThat(HttpObserver.path("/onvif/device_service?x=1#f")).isEqualTo("/onvif/device_service");
        assertThat(HttpObserver.path("/a;jsessionid=1")).isEqualTo("/a");
        assertThat(HttpObserver.path("http://10.0.0.1:8080/ISAPI/System/deviceInfo")).isEqualTo("/ISAPI/System/deviceInfo");
        assertThat(HttpObserver.path("http://10.0.0.1")).isEqualTo("/");
        assertThat(HttpObserver.path("*")).isNull();
        assertThat(HttpObserver.path(null)).isNull();
        assertThat(HttpObserver.path("/" + "a".repeat(500))).hasSize(96);
    }

    @Test
    void anEdimaxPlugsRealmNamesItWithOrWithoutTheDash() {
        // the plug's Basic realm is its model, written "SP2101W" by the firmware, "SP-2101W" on the box
        Classifier c = new Classifier(Rules.bundled());
        for (String realm : new String[] {"SP2101W", "SP-1101W"}) {
            assertThat(c.evidence("http.realm", realm, null))
                    .anyMatch(e -> e.attribute().equals("type") && e.value().equals("plug"));
        }
    }
}
