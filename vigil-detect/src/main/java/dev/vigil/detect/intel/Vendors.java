package dev.vigil.detect.intel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One name per vendor, whichever source names it: "D-Link International" (IEEE), "D-Link
 * Corporation" (UPnP) and "dlink" (a cloud domain) are all "D-Link". Legal-form suffixes are
 * dropped and well-known brands are spelled as the vendor spells them.
 */
public final class Vendors {

    private Vendors() {
    }

    private static final Pattern SUFFIX = Pattern.compile(
            "(?i)[ ,.]+(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|ag|bv|b\\.v|sa|s\\.a|"
                    + "srl|spa|s\\.p\\.a|oy|ab|as|a/s|kg|plc|pty|pte|sas|kk|k\\.k|nv|n\\.v|se|sro|s\\.r\\.o|"
                    + "technologies|technology|tech|electronics|electronic|international|intl|holdings|group|"
                    + "industrial|industries|trading|entwicklung|systems|system|communications|network|"
                    + "networks|digital|devices|solutions|manufacturing|enterprise|products|labs|lab)\\b\\.?$");

    /**
     * Brand spellings, by the lower-case leading words of the normalised name (whole words: "intel"
     * names Intel Corporate, never Intelligent Platforms). Checked in order.
     */
    private static final Map<String, String> BRANDS = new LinkedHashMap<>();

    static {
        String[][] b = {
            {"d-link", "D-Link"}, {"dlink", "D-Link"}, {"tp-link", "TP-Link"}, {"tplink", "TP-Link"},
            {"philips lighting", "Philips"}, {"signify", "Philips"}, {"philips", "Philips"},
            {"belkin", "Belkin"}, {"amazon", "Amazon"}, {"google", "Google"}, {"nest", "Google Nest"},
            {"apple", "Apple"}, {"samsung", "Samsung"}, {"sonos", "Sonos"}, {"espressif", "Espressif"},
            {"texas instruments", "Texas Instruments"}, {"raspberry pi", "Raspberry Pi"},
            {"edimax", "Edimax"}, {"eq-3", "eQ-3"}, {"osram", "Osram"}, {"ledvance", "Osram"},
            {"withings", "Withings"}, {"fitbit", "Fitbit"}, {"hikvision", "Hikvision"},
            {"hangzhou hikvision", "Hikvision"}, {"zhejiang dahua", "Dahua"}, {"dahua", "Dahua"},
            {"axis", "Axis"}, {"cisco", "Cisco"}, {"hewlett packard", "HP"}, {"hewlett-packard", "HP"},
            {"hp inc", "HP"}, {"brother", "Brother"}, {"canon", "Canon"}, {"seiko epson", "Epson"},
            {"epson", "Epson"}, {"xerox", "Xerox"}, {"lexmark", "Lexmark"}, {"kyocera", "Kyocera"},
            {"ricoh", "Ricoh"}, {"zebra", "Zebra"}, {"ubiquiti", "Ubiquiti"}, {"netgear", "Netgear"},
            {"mikrotik", "MikroTik"}, {"routerboard", "MikroTik"}, {"huawei", "Huawei"}, {"zte", "ZTE"},
            {"xiaomi", "Xiaomi"}, {"beijing xiaomi", "Xiaomi"}, {"roku", "Roku"}, {"lg electronics", "LG"},
            {"lg innotek", "LG"}, {"sony", "Sony"}, {"microsoft", "Microsoft"}, {"intel", "Intel"},
            {"dell", "Dell"}, {"lenovo", "Lenovo"}, {"lenovoemc", "Lenovo"}, {"asustek", "ASUS"}, {"asus", "ASUS"},
            {"siemens", "Siemens"}, {"rockwell", "Rockwell Automation"}, {"allen-bradley", "Rockwell Automation"},
            {"schneider", "Schneider Electric"}, {"telemecanique", "Schneider Electric"}, {"abb", "ABB"}, {"phoenix contact", "Phoenix Contact"},
            {"wago", "WAGO"}, {"honeywell", "Honeywell"}, {"ecobee", "ecobee"}, {"ring", "Ring"},
            {"arlo", "Arlo"}, {"wyze", "Wyze"}, {"tuya", "Tuya"}, {"shenzhen", null}, {"murata", "Murata"},
            {"azurewave", "AzureWave"}, {"hon hai", "Foxconn"}, {"foxconn", "Foxconn"},
            {"universal global scientific", "USI"}, {"liteon", "Lite-On"}, {"lite-on", "Lite-On"},
            {"realtek", "Realtek"}, {"mediatek", "MediaTek"}, {"qualcomm", "Qualcomm"}, {"broadcom", "Broadcom"},
            {"ednet", "Ednet"}, {"assmann", "Ednet"}, {"high-flying", "Hi-flying"}, {"hi-flying", "Hi-flying"},
            {"shanghai high-flying", "Hi-flying"}, {"gainspan", "GainSpan"}, {"delta electronics", "Delta"},
            {"insteon", "Insteon"}, {"physical graph", "SmartThings"}, {"smartthings", "SmartThings"},
            {"resideo", "Honeywell"}, {"motorola", "Motorola"}, {"zhejiang shenghui lighting", "Sengled"},
            {"sengled", "Sengled"}, {"ampak", "AMPAK"}, {"libre wireless", "Libre Wireless"}, {"smartlabs", "Insteon"}, {"microseven", "Microseven"}, {"smarter", "Smarter"}, {"lockly", "Lockly"}, {"schlage", "Schlage"},
            {"allegion", "Allegion"}, {"u-tec", "U-tec"}, {"ultraloq", "U-tec"}, {"blink", "Blink"},
            {"immedia", "Blink"}, {"vmware", "VMware"}, {"parallels", "Parallels"}, {"microchip", "Microchip"},
            {"silicon labs", "Silicon Labs"}, {"nordic", "Nordic Semiconductor"}, {"chamberlain", "Chamberlain"},
            {"ge healthcare", "GE Healthcare"}, {"general electric", "GE"}, {"medtronic", "Medtronic"},
            {"baxter", "Baxter"}, {"b. braun", "B. Braun"}, {"philips medical", "Philips Healthcare"},
            {"draeger", "Dräger"}, {"drager", "Dräger"}, {"mindray", "Mindray"}, {"western digital", "Western Digital"},
            {"analog devices", "Analog Devices"}, {"ge ", "GE"}};
        for (String[] p : b) {
            BRANDS.put(p[0], p[1]);
        }
    }

    /** The canonical vendor name, or null for a blank input. */
    public static String canonical(String name) {
        if (name == null) {
            return null;
        }
        String s = name.trim().replaceAll("\\s+", " ").replaceAll("[\"“”]", "");
        if (s.isEmpty()) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : BRANDS.entrySet()) {
            if (e.getValue() != null && leadingWords(lower, e.getKey())) {
                return e.getValue();
            }
        }
        String prev;
        do {
            prev = s;
            s = SUFFIX.matcher(s).replaceAll("").trim();
            s = s.replaceAll("[,.]+$", "").trim();
        } while (!s.equals(prev) && !s.isEmpty());
        if (s.isEmpty()) {
            s = name.trim();
        }
        if (s.equals(s.toUpperCase(Locale.ROOT)) && s.length() > 4) {
            // "TEXAS INSTRUMENTS" -> "Texas Instruments"
            StringBuilder sb = new StringBuilder();
            for (String w : s.toLowerCase(Locale.ROOT).split(" ")) {
                if (!w.isEmpty()) {
                    sb.append(sb.isEmpty() ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
                }
            }
            s = sb.toString();
        }
        return s;
    }

    /** True when {@code name} begins with {@code words} and the next character ends a word. */
    static boolean leadingWords(String name, String words) {
        if (!name.startsWith(words)) {
            return false;
        }
        if (name.length() == words.length() || !Character.isLetterOrDigit(words.charAt(words.length() - 1))) {
            return true;
        }
        return !Character.isLetterOrDigit(name.charAt(words.length()));
    }

    /**
     * Makers of radio modules and network chips: their prefix says who made the Wi-Fi chip, not
     * the device, so it weighs less as evidence of the vendor.
     */
    public static boolean moduleMaker(String canonical) {
        if (canonical == null) {
            return false;
        }
        return switch (canonical) {
            case "Espressif", "Texas Instruments", "Murata", "AzureWave", "Foxconn", "USI", "Lite-On", "Realtek",
                "MediaTek", "Qualcomm", "Broadcom", "Microchip", "Silicon Labs", "Nordic Semiconductor", "Intel",
                "Hi-flying", "GainSpan", "Delta", "Wistron Neweb", "Gemtek", "Cybertan", "Arcadyan", "Sagemcom",
                "Askey", "Chongqing Fugui", "Tenda", "Ralink", "Atheros", "AMPAK", "Libre Wireless", "electric imp",
                "Flextronics", "Wisol", "Formike", "Zowee", "Jiangsu Fulian", "Universal Electronics" -> true;
            default -> canonical.startsWith("Shenzhen") || canonical.startsWith("Hui Zhou")
                    || canonical.contains("Wireless") || canonical.contains("Semiconductor");
        };
    }
}
