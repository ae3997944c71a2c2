package dev.vigil.detect.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Fingerbank DHCP fingerprint database (PacketFence's dhcp_fingerprints.conf 6.8.2, ODbL 1.0,
 * bundled as inventory/fingerbank-dhcp.conf): which client stacks send which parameter request list
 * (RFC 2132 §9.8, option 55). Sections {@code [class N]} name a device class and the range of
 * {@code [os N]} identifiers it holds; each {@code [os N]} lists its option-55 lists between
 * {@code fingerprints=<<EOT} and {@code EOT}.
 */
final class DhcpFingerprints {

    /** One client stack that sends a list: its description and the class it belongs to. */
    record Stack(String os, String deviceClass) {

        boolean windows() {
            return deviceClass.equals("Windows") || os.contains("Windows");
        }
    }

    private static volatile DhcpFingerprints bundled;

    private final Map<String, List<Stack>> byList;

    private DhcpFingerprints(Map<String, List<Stack>> byList) {
        this.byList = byList;
    }

    static DhcpFingerprints bundled() {
        DhcpFingerprints f = bundled;
        if (f == null) {
            try (InputStream in = DhcpFingerprints.class.getResourceAsStream("/inventory/fingerbank-dhcp.conf")) {
                f = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = f;
        }
        return f;
    }

    /** The stacks known to send this option-55 list (comma-separated codes), empty when none is. */
    List<Stack> stacks(String parameterList) {
        return parameterList == null ? List.of() : byList.getOrDefault(parameterList, List.of());
    }

    static DhcpFingerprints parse(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<int[]> ranges = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        Map<Integer, String> osNames = new HashMap<>();
        Map<Integer, List<String>> lists = new HashMap<>();
        String section = "";
        int id = -1;
        String block = null;
        String className = null;
        String line;
        while ((line = r.readLine()) != null) {
            line = line.strip();
            if (block != null) {
                if (line.equals("EOT")) {
                    block = null;
                } else if (block.equals("fingerprints") && !line.isEmpty()) {
                    lists.computeIfAbsent(id, k -> new ArrayList<>()).add(line);
                }
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String[] h = line.substring(1, line.length() - 1).split(" ");
                section = h[0];
                id = h.length > 1 ? parseInt(h[1]) : -1;
            } else if (line.endsWith("=<<EOT")) {
                block = line.substring(0, line.indexOf('='));
            } else if (line.startsWith("description=")) {
                String d = line.substring("description=".length());
                if (section.equals("class")) {
                    className = d;
                } else if (section.equals("os")) {
                    osNames.put(id, d);
                }
            } else if (line.startsWith("members=") && section.equals("class") && className != null) {
                for (String part : line.substring("members=".length()).split(",")) {
                    String[] ab = part.strip().split("-");
                    ranges.add(new int[] {parseInt(ab[0]), parseInt(ab.length > 1 ? ab[1] : ab[0])});
                    classNames.add(className);
                }
            }
        }
        Map<String, List<Stack>> byList = new HashMap<>();
        lists.forEach((os, ls) -> {
            Stack s = new Stack(osNames.getOrDefault(os, "os " + os), classOf(os, ranges, classNames));
            for (String l : ls) {
                byList.computeIfAbsent(l.replace(" ", ""), k -> new ArrayList<>()).add(s);
            }
        });
        byList.replaceAll((k, v) -> List.copyOf(v));
        return new DhcpFingerprints(Map.copyOf(byList));
    }

    /** The class whose member range holds the identifier; a listed exception (e.g. 102-106) wins over the block. */
    private static String classOf(int os, List<int[]> ranges, List<String> names) {
        String best = "Misc";
        int width = Integer.MAX_VALUE;
        for (int i = 0; i < ranges.size(); i++) {
            int[] r = ranges.get(i);
            if (os >= r[0] && os <= r[1] && r[1] - r[0] < width) {
                best = names.get(i);
                width = r[1] - r[0];
            }
        }
        return best;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
