package dev.vigil.detect.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CPE matching on the four real NVD records under ../shared/data/intel/nvd (each an AND of
 * vulnerable firmware and a vulnerable:false hardware platform), then the configuration logic on
 * its own.
 */
class CpeMatcherTest {

    static CveRecord nvd(String id) throws Exception {
        Path p = TestData.shared("intel/nvd/" + id + ".json");
        List<CveRecord> out = new ArrayList<>();
        IntelFiles.nvd(p, out::add);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    /** "yes", "maybe" (model matches, firmware version unseen) or "no". */
    static String verdict(CveRecord c, String vendor, String model, String firmware) {
        CpeMatcher.Verdict v = CpeMatcher.evaluate(c, CpeMatcher.platforms(vendor, model,
                firmware == null || firmware.isBlank() ? null : firmware, List.of()));
        return v == null ? "no" : v.confirmed() ? "yes" : "maybe";
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            CVE-2017-17215 | Huawei                          | HG532                 | null                              | yes
            CVE-2017-17215 | Huawei Technologies Co.,Ltd     | HG532                 | V100R001C01B016                   | yes
            CVE-2017-17215 | Huawei                          | HG8245H               | null                              | no
            CVE-2017-17215 | ZTE                             | HG532                 | null                              | no
            CVE-2018-10561 | DASAN Networks                  | GPON Router           | null                              | yes
            CVE-2018-10561 | Dasan Zhone Solutions           | GPON router           | 3.0                               | yes
            CVE-2018-10561 | Dasan                           | H660GM                | null                              | no
            CVE-2020-25078 | D-Link                          | DCS-2530L             | 1.05.05                           | yes
            CVE-2020-25078 | D-Link Corporation              | DCS-2530L             | 1.05.01                           | yes
            CVE-2020-25078 | D-Link                          | DCS-2530L             | 1.05.06                           | no
            CVE-2020-25078 | D-Link                          | DCS-2530L             | 1.06.01                           | no
            CVE-2020-25078 | D-Link                          | DCS-2530L             | 2.02                              | no
            CVE-2020-25078 | dlink                           | DCS-2670L             | 2.02                              | yes
            CVE-2020-25078 | D-Link                          | DCS-2670L             | v2.01 build 0309                  | yes
            CVE-2020-25078 | D-Link                          | DCS-2670L             | 2.03                              | no
            CVE-2020-25078 | D-Link                          | DCS-2670L             | null                              | maybe
            CVE-2020-25078 | D-Link                          | DCS-935L              | 1.05.05                           | no
            CVE-2023-1389  | TP-Link                         | Archer AX21           | 1.1.3 Build 20221209 rel.12345    | yes
            CVE-2023-1389  | TP-LINK TECHNOLOGIES CO.,LTD.   | Archer AX21 (AX1800)  | 1.1.2                             | yes
            CVE-2023-1389  | TP-Link                         | Archer AX21 v1.0      | 1.0.7_20190613                    | yes
            CVE-2023-1389  | TP-Link                         | Archer AX21           | 1.1.4 Build 20230219 rel.69802    | no
            CVE-2023-1389  | TP-Link                         | Archer AX21           | 1.2.0                             | no
            CVE-2023-1389  | TP-Link                         | Archer AX21           | null                              | maybe
            CVE-2023-1389  | TP-Link                         | Archer AX20           | 1.0.0                             | no
            CVE-2023-1389  | Netgear                         | Archer AX21           | 1.0.0                             | no
            """)
    void matchesTheNvdRecords(String cve, String vendor, String model, String firmware, String expected)
            throws Exception {
        assertThat(verdict(nvd(cve), vendor, model, firmware)).isEqualTo(expected);
    }

    @Test
    void recordsKeepWhatMatchingAndReportingNeed() throws Exception {
        CveRecord c = nvd("CVE-2023-1389");
        assertThat(c.cvss()).isEqualTo(8.8);
        assertThat(c.cvssVersion()).isEqualTo("3.1");
        assertThat(c.kevAdded()).isEqualTo("2023-05-01");
        assertThat(c.kevDue()).isEqualTo("2023-05-22");
        assertThat(c.cwes()).contains("CWE-77");
        CpeMatcher.Verdict v = CpeMatcher.evaluate(c, CpeMatcher.platforms("TP-Link", "Archer AX21", "1.1.3", List.of()));
        assertThat(v.matched()).singleElement().satisfies(m -> {
            assertThat(m.criteria()).isEqualTo("cpe:2.3:o:tp-link:archer_ax21_firmware:*:*:*:*:*:*:*:*");
            assertThat(m.rangeText()).isEqualTo("< 1.1.4");
        });
    }

    // ---- configuration logic on hand-written configurations (NVD semantics) -----------------------------------

    private static CveRecord.Match m(boolean vulnerable, String criteria, String endExcl) {
        return new CveRecord.Match(vulnerable, criteria, null, null, null, endExcl);
    }

    private static CveRecord cve(CveRecord.Configuration... cfgs) {
        return new CveRecord("CVE-0000-0001", null, null, null, 5.0, "3.1", "MEDIUM", null, List.of(), null, null,
                List.of(cfgs), List.of());
    }

    private static final List<CpeMatcher.Platform> CAMERA = CpeMatcher.platforms("Acme", "Cam 1000", "2.0", List.of());

    @Test
    void andNeedsThePlatformNodeToo() {
        CveRecord.Node fw = new CveRecord.Node("OR", false, List.of(m(true, "cpe:2.3:o:acme:cam_1000_firmware:*:*:*:*:*:*:*:*", "3.0")));
        CveRecord.Node otherHw = new CveRecord.Node("OR", false, List.of(m(false, "cpe:2.3:h:acme:cam_2000:-:*:*:*:*:*:*:*", null)));
        CveRecord.Node ownHw = new CveRecord.Node("OR", false, List.of(m(false, "cpe:2.3:h:acme:cam_1000:-:*:*:*:*:*:*:*", null)));
        assertThat(CpeMatcher.evaluate(cve(new CveRecord.Configuration("AND", false, List.of(fw, otherHw))), CAMERA)).isNull();
        assertThat(CpeMatcher.evaluate(cve(new CveRecord.Configuration("AND", false, List.of(fw, ownHw))), CAMERA))
                .isNotNull();
        // OR of the two: the firmware alone is enough
        assertThat(CpeMatcher.evaluate(cve(new CveRecord.Configuration("OR", false, List.of(fw, otherHw))), CAMERA))
                .isNotNull();
    }

    @Test
    void platformOnlyMatchesNeverMakeADeviceVulnerable() {
        CveRecord.Node hwOnly = new CveRecord.Node("OR", false, List.of(m(false, "cpe:2.3:h:acme:cam_1000:-:*:*:*:*:*:*:*", null)));
        assertThat(CpeMatcher.evaluate(cve(new CveRecord.Configuration("OR", false, List.of(hwOnly))), CAMERA)).isNull();
    }

    @Test
    void negatedNodesExcludeAPlatform() {
        CveRecord.Node fw = new CveRecord.Node("OR", false, List.of(m(true, "cpe:2.3:o:acme:cam_1000_firmware:*:*:*:*:*:*:*:*", null)));
        CveRecord.Node notCam = new CveRecord.Node("OR", true, List.of(m(false, "cpe:2.3:h:acme:cam_1000:-:*:*:*:*:*:*:*", null)));
        assertThat(CpeMatcher.evaluate(cve(new CveRecord.Configuration("AND", false, List.of(fw, notCam))), CAMERA)).isNull();
        List<CpeMatcher.Platform> other = CpeMatcher.platforms("Acme", "Cam 1000", "2.0", List.of()).stream()
                .filter(p -> p.part().equals("o")).toList();
        assertThat(CpeMatcher.evaluate(cve(new CveRecord.Configuration("AND", false, List.of(fw, notCam))), other))
                .isNotNull();
    }

    @Test
    void aNamedVersionMatchesOnlyThatVersion() {
        CveRecord one = cve(new CveRecord.Configuration("OR", false, List.of(new CveRecord.Node("OR", false,
                List.of(m(true, "cpe:2.3:o:acme:cam_1000_firmware:2.0:*:*:*:*:*:*:*", null))))));
        assertThat(CpeMatcher.evaluate(one, CAMERA)).isNotNull();
        assertThat(CpeMatcher.evaluate(one, CpeMatcher.platforms("Acme", "Cam 1000", "v2.0.0", List.of()))).isNotNull();
        assertThat(CpeMatcher.evaluate(one, CpeMatcher.platforms("Acme", "Cam 1000", "2.0.1", List.of()))).isNull();
        assertThat(CpeMatcher.evaluate(one, CpeMatcher.platforms("Acme", "Cam 1000", null, List.of())).confirmed()).isFalse();
    }

    @Test
    void sshBannersBecomeApplications() {
        CveRecord openssh = cve(new CveRecord.Configuration("OR", false, List.of(new CveRecord.Node("OR", false,
                List.of(new CveRecord.Match(true, "cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*", "8.5", null, null,
                        "9.8"))))));
        assertThat(CpeMatcher.evaluate(openssh, CpeMatcher.platforms(null, null, null, List.of("OpenSSH_9.3p1")))
                .confirmed()).isTrue();
        assertThat(CpeMatcher.evaluate(openssh, CpeMatcher.platforms(null, null, null, List.of("OpenSSH_7.4")))).isNull();
        assertThat(CpeMatcher.evaluate(openssh, CpeMatcher.platforms(null, null, null, List.of("dropbear_2019.78"))))
                .isNull();
    }

    @Test
    void cpeNamesParseWithEscapes() {
        Cpe c = Cpe.parse("cpe:2.3:a:acme:web\\:admin:1.0\\.1:*:*:*:*:*:*:*");
        assertThat(c.product()).isEqualTo("web:admin");
        assertThat(c.version()).isEqualTo("1.0.1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cpe.parse("cpe:/o:acme:cam"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vendorKeysBridgeSpellings() {
        assertThat(CpeNames.vendorKey("TP-LINK TECHNOLOGIES CO.,LTD.")).isEqualTo(CpeNames.vendorKey("tp-link"));
        assertThat(CpeNames.vendorKey("D-Link International")).isEqualTo(CpeNames.vendorKey("dlink"));
        assertThat(CpeNames.vendorKey("Ubiquiti Networks Inc.")).isEqualTo(CpeNames.vendorKey("ui"));
        assertThat(CpeNames.vendorKey("Philips Lighting BV")).isEqualTo(CpeNames.vendorKey("signify"));
        assertThat(CpeNames.vendorKey("dasannetworks")).isEqualTo(CpeNames.vendorKey("DASAN Zhone Solutions"));
        assertThat(CpeNames.vendorKey("Hikvision")).isNotEqualTo(CpeNames.vendorKey("Dahua"));
        assertThat(CpeNames.productKey("archer_ax21_firmware")).isEqualTo(CpeNames.productKey("Archer AX21"));
    }
}
