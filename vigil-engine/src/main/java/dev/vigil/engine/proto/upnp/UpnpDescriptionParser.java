package dev.vigil.engine.proto.upnp;

import dev.vigil.engine.dissect.XmlText;
import dev.vigil.engine.flow.FlowMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Reads the identifying elements of a UPnP device description. Descriptions are small, flat and
 * often not well-formed XML, so the elements are picked out one by one instead of parsed as a tree
 * (which also rules out entity-expansion attacks).
 */
public final class UpnpDescriptionParser {

    private UpnpDescriptionParser() {
    }

    public static boolean looksLikeDescription(String text) {
        return text.contains("urn:schemas-upnp-org:device-1-0") || text.contains("<deviceType>");
    }

    public static UpnpDescription parse(long ts, FlowMeta flow, String url, String xml) {
        String deviceType = element(xml, "deviceType");
        if (deviceType == null && element(xml, "friendlyName") == null) {
            return null;
        }
        List<String> services = new ArrayList<>();
        Matcher m = XmlText.element("serviceType", MAX_TEXT).matcher(xml);
        while (m.find() && services.size() < 32) {
            String s = XmlText.text(m.group(1));
            if (s != null && !services.contains(s)) {
                services.add(s);
            }
        }
        String firmware = element(xml, "firmwareVersion");
        if (firmware == null) {
            firmware = element(xml, "softwareVersion");
        }
        return new UpnpDescription(ts, flow, url, deviceType, element(xml, "friendlyName"),
                element(xml, "manufacturer"), element(xml, "modelName"), element(xml, "modelNumber"),
                element(xml, "modelDescription"), element(xml, "serialNumber"), element(xml, "UDN"), firmware,
                element(xml, "presentationURL"), List.copyOf(services));
    }

    /** The longest element text kept. */
    static final int MAX_TEXT = 512;

    private static String element(String xml, String name) {
        return XmlText.first(xml, name, MAX_TEXT);
    }
}
