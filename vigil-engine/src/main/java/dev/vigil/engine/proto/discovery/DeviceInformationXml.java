package dev.vigil.engine.proto.discovery;

import dev.vigil.engine.dissect.XmlText;
import dev.vigil.engine.flow.FlowMeta;

/**
 * The identity a device's management API answers with over HTTP, read from the answer's XML:
 * <ul>
 * <li>ONVIF (ONVIF Core Specification, Device service, {@code GetDeviceInformationResponse}):
 * Manufacturer, Model, FirmwareVersion and HardwareId, which recorders, video management systems
 * and ONVIF clients ask of every camera when they connect; protocol "onvif";</li>
 * <li>Hikvision ISAPI ({@code GET /ISAPI/System/deviceInfo}, a {@code DeviceInfo} element in
 * Hikvision's XML namespace): model, firmwareVersion, hardwareVersion and deviceType ("IPCamera",
 * "IPDome", "DVR", "NVR"), which the vendor's clients and recorders read; protocol "isapi". The
 * vendor is left out: the same API answers under the brands Hikvision makes for.</li>
 * </ul>
 * Elements are picked out one by one by their local name, never parsed as a tree (no entity
 * expansion), as the UPnP descriptions are. The identity is the HTTP server's.
 */
public final class DeviceInformationXml {

    /** The longest element text kept. */
    static final int MAX_TEXT = 128;

    private DeviceInformationXml() {
    }

    /** The identity in an HTTP answer's XML body, or null when it is neither kind. */
    public static VendorIdentity parse(long ts, FlowMeta flow, String xml) {
        if (xml.contains("GetDeviceInformationResponse")) {
            String vendor = element(xml, "Manufacturer");
            String model = element(xml, "Model");
            String firmware = element(xml, "FirmwareVersion");
            if (vendor == null && model == null && firmware == null) {
                return null;
            }
            return new VendorIdentity(ts, flow, false, "onvif", vendor, null, null, model, firmware,
                    element(xml, "HardwareId"), null, null);
        }
        int root = xml.indexOf("<DeviceInfo");
        if (root >= 0 && xml.indexOf("hikvision.com", root) > root) {
            String model = element(xml, "model");
            String firmware = element(xml, "firmwareVersion");
            if (model == null && firmware == null) {
                return null;
            }
            return new VendorIdentity(ts, flow, false, "isapi", null, element(xml, "deviceType"), null, model, firmware,
                    element(xml, "hardwareVersion"), null, null);
        }
        return null;
    }

    /** The text of the first element of this local name (any namespace prefix), or null. */
    static String element(String xml, String name) {
        return XmlText.first(xml, name, MAX_TEXT);
    }
}
