package dev.vigil.engine.dissect;

/** Text picked out of XML that devices send (descriptions, identity answers), never parsed as a tree. */
public final class XmlText {

    private XmlText() {
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
