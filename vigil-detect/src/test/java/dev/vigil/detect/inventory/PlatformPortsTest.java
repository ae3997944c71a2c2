package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A platform's LAN port is the platform, not the product: every kind of Tuya device serves the
 * Tuya control port tcp/6668, and TP-Link's bulbs and cameras speak the Kasa protocol on 9999 as its
 * plugs do. A port says little about the type; the device's own word (its Kasa sysinfo) decides.
 */
class PlatformPortsTest {

    private final Classifier classifier = new Classifier(Rules.bundled());

    private Device.Attribute type(String... sourceAndValue) {
        List<Evidence> ev = new ArrayList<>();
        for (int i = 0; i < sourceAndValue.length; i += 2) {
            ev.addAll(classifier.evidence(sourceAndValue[i], sourceAndValue[i + 1], null));
        }
        return classifier.attributes(ev, Weighing.scoredForType(ev)).get("type");
    }

    @Test
    void aTuyaControlPortIsNoConfidentPlug() {
        Device.Attribute t = type("service", "tcp/6668", "oui", "Tuya");
        assertThat(t.confidence()).isLessThan(0.4);
        // udp/6666 and 6667 are the broadcasts (read as tuya.*), tcp/6667 is IRC: no type from them
        assertThat(type("service", "tcp/6667").value()).isEqualTo("unknown");
        assertThat(type("service", "udp/6666").value()).isEqualTo("unknown");
    }

    @Test
    void aKasaBulbIsALightThoughItServesThePlugsPort() {
        assertThat(type("service", "tcp/9999").confidence()).isLessThanOrEqualTo(0.3);
        Device.Attribute bulb = type("service", "tcp/9999", "kasa.platform", "IOT.SMARTBULB");
        assertThat(bulb.value()).isEqualTo("light");
        assertThat(bulb.confidence()).isGreaterThanOrEqualTo(0.8);
        assertThat(type("service", "tcp/9999", "kasa.platform", "IOT.SMARTPLUGSWITCH").value()).isEqualTo("plug");
    }
}
