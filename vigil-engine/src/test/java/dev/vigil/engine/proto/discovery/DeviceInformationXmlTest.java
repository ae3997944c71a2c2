package dev.vigil.engine.proto.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The identity in ONVIF GetDeviceInformation and Hikvision ISAPI deviceInfo answers, as the specifications write them. */
class DeviceInformationXmlTest {

    @Test
    void anOnvifAnswerNamesManufacturerModelFirmwareAndHardware() {
        // ONVIF Core Specification, GetDeviceInformation; the prefix is the answerer's choice
        String xml = "<?xml version=\"1.0\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<SOAP-ENV:Body><tds:GetDeviceInformationResponse xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
                + "<tds:Manufacturer>AXIS</tds:Manufacturer><tds:Model>P3245-LV</tds:Model>"
                + "<tds:FirmwareVersion>10.12.114</tds:FirmwareVersion><tds:SerialNumber>ACCC8E000001</tds:SerialNumber>"
                + "<tds:HardwareId>73E</tds:HardwareId></tds:GetDeviceInformationResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        VendorIdentity id = DeviceInformationXml.parse(1, null, xml);
        assertThat(id.protocol()).isEqualTo("onvif");
        assertThat(id.fromClient()).isFalse();
        assertThat(id.vendor()).isEqualTo("AXIS");
        assertThat(id.model()).isEqualTo("P3245-LV");
        assertThat(id.firmware()).isEqualTo("10.12.114");
        assertThat(id.hardware()).isEqualTo("73E");
        // no prefix at all, and an entity
        VendorIdentity bare = DeviceInformationXml.parse(1, null, "<GetDeviceInformationResponse><Manufacturer>A&amp;B</Manufacturer>"
                + "<Model>X1</Model></GetDeviceInformationResponse>");
        assertThat(bare.vendor()).isEqualTo("A&B");
        assertThat(bare.firmware()).isNull();
    }

    @Test
    void anIsapiDeviceInfoNamesModelFirmwareAndKindButNoVendor() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeviceInfo version=\"2.0\" "
                + "xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"><deviceName>IP CAMERA</deviceName>"
                + "<model>DS-2CD2043G2-I</model><firmwareVersion>V5.7.3</firmwareVersion><hardwareVersion>0x0</hardwareVersion>"
                + "<deviceType>IPCamera</deviceType></DeviceInfo>";
        VendorIdentity id = DeviceInformationXml.parse(1, null, xml);
        assertThat(id.protocol()).isEqualTo("isapi");
        assertThat(id.vendor()).isNull();
        assertThat(id.model()).isEqualTo("DS-2CD2043G2-I");
        assertThat(id.firmware()).isEqualTo("V5.7.3");
        assertThat(id.platform()).isEqualTo("IPCamera");
        assertThat(id.name()).isNull();
    }

    @Test
    void otherXmlIsNoIdentity() {
        assertThat(DeviceInformationXml.parse(1, null, "<DeviceInfo><model>x</model></DeviceInfo>")).isNull();
        assertThat(DeviceInformationXml.parse(1, null, "<GetDeviceInformationResponse></GetDeviceInformationResponse>")).isNull();
        assertThat(DeviceInformationXml.parse(1, null, "<root><Model>x</Model></root>")).isNull();
        // an element text beyond the limit is not read
        assertThat(DeviceInformationXml.parse(1, null, "<GetDeviceInformationResponse><Model>" + "x".repeat(500)
                + "</Model></GetDeviceInformationResponse>")).isNull();
    }
}
