package dev.vigil.engine.proto.upnp;

import dev.vigil.engine.dissect.XmlText;
import dev.vigil.engine.flow.FlowMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        Matcher m = element("serviceType").matcher(xml);
        while (m.find() && services.size() < 32) {
            String s = XmlText.unescape(m.group(1).trim());
            if (!services.contains(s)) {
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

    private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Pattern element(String name) {
        return PATTERNS.computeIfAbsent(name,
                n -> Pattern.compile("<(?:[A-Za-z0-9]+:)?" + n + "\\s*>([^<]{0,512})</", Pattern.CASE_INSENSITIVE));
    }

    private static String element(String xml, String name) {
        Matcher m = element(name).matcher(xml);
        if (!m.find()) {
            return null;
        }
        String v = XmlText.unescape(m.group(1).trim());
        return v.isEmpty() ? null : v;
    }
}
