package dev.vigil.engine.dissect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text picked out of XML that devices send (UPnP descriptions, identity answers), element by element,
 * never parsed as a tree: device XML is small, flat and often not well-formed, and no entity is
 * expanded.
 */
public final class XmlText {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private XmlText() {
    }

    /**
     * The pattern of an element by its local name: any namespace prefix, attributes or not, the name's
     * case ignored, text of at most {@code maxText} characters (group 1).
     */
    public static Pattern element(String name, int maxText) {
        return PATTERNS.computeIfAbsent(name + '/' + maxText, k -> Pattern.compile(
                "<(?:[A-Za-z0-9_-]+:)?" + name + "(?:\\s[^>]{0,200})?\\s*>([^<]{0," + maxText + "})</",
                Pattern.CASE_INSENSITIVE));
    }

    /** The unescaped, trimmed text of the first such element, or null when there is none or it is empty. */
    public static String first(String xml, String name, int maxText) {
        Matcher m = element(name, maxText).matcher(xml);
        return m.find() ? text(m.group(1)) : null;
    }

    /** Element text unescaped and trimmed; null when empty. */
    public static String text(String raw) {
        String v = unescape(raw.trim());
        return v.isEmpty() ? null : v;
    }

    /** The five predefined entities and {@code &#39;} replaced (RFC-less device XML rarely has others). */
    public static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
