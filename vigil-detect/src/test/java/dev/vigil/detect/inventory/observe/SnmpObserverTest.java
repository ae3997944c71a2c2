package dev.vigil.detect.inventory.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.proto.snmp.SnmpMessage.VarBind;
import org.junit.jupiter.api.Test;

/** Only the first physical entity's columns name the agent, and only values the agent has. */
class SnmpObserverTest {

    @Test
    void onlyTheFirstEntitysColumnsCount() {
        assertThat(SnmpObserver.entity("1.3.6.1.2.1.47.1.1.1.1.13.1")).isEqualTo("snmp.entity.model");
        assertThat(SnmpObserver.entity("1.3.6.1.2.1.47.1.1.1.1.10.1")).isEqualTo("snmp.entity.software");
        assertThat(SnmpObserver.entity("1.3.6.1.2.1.47.1.1.1.1.9.1")).isEqualTo("snmp.entity.firmware");
        assertThat(SnmpObserver.entity("1.3.6.1.2.1.47.1.1.1.1.12.1")).isEqualTo("snmp.entity.vendor");
        // a transceiver, a module, another stack member: models of their own
        assertThat(SnmpObserver.entity("1.3.6.1.2.1.47.1.1.1.1.13.1001")).isNull();
        assertThat(SnmpObserver.entity("1.3.6.1.2.1.47.1.1.1.1.13.11")).isNull();
        assertThat(SnmpObserver.entity("1.3.6.1.2.1.47.1.1.1.1.2.1")).isNull();
        assertThat(SnmpObserver.entity("1.3.6.1.2.1.1.1.0")).isNull();
    }

    @Test
    void exceptionsAndEmptyValuesSayNothing() {
        assertThat(SnmpObserver.answered(new VarBind("1.3.6.1.2.1.43.5.1.1.16.1", "nosuchobject", ""))).isFalse();
        assertThat(SnmpObserver.answered(new VarBind("1.3.6.1.2.1.43.5.1.1.16.1", "nosuchinstance", ""))).isFalse();
        assertThat(SnmpObserver.answered(new VarBind("1.3.6.1.2.1.43.14.1.1.6.1.5", "null", ""))).isFalse();
        assertThat(SnmpObserver.answered(new VarBind("1.3.6.1.2.1.47.1.1.1.1.13.1", "endofmibview", ""))).isFalse();
        assertThat(SnmpObserver.answered(new VarBind("1.3.6.1.2.1.47.1.1.1.1.13.1", "string", " "))).isFalse();
        assertThat(SnmpObserver.answered(new VarBind("1.3.6.1.2.1.43.14.1.1.6.1.5", "integer", "3"))).isTrue();
    }
}
