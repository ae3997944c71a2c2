package dev.vigil.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.analysis.InputException;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.segmentation.Membership;
import dev.vigil.detect.segmentation.Observations;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.PolicyException;
import dev.vigil.detect.segmentation.PolicyParser;
import dev.vigil.detect.segmentation.Selector;
import dev.vigil.detect.segmentation.Subjects;
import dev.vigil.detect.segmentation.mud.MudEvaluation;
import dev.vigil.detect.segmentation.mud.MudFile;
import dev.vigil.detect.segmentation.mud.MudFormatException;
import dev.vigil.detect.segmentation.mud.MudPolicy;
import dev.vigil.detect.segmentation.mud.MudReader;
import dev.vigil.detect.trust.Assets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code vigil policy} commands read: a policy (a policy file, a learned directory, or a
 * MUD file bound to the devices it is for), observed traffic (captures and conn.logs, through the
 * same analysis as {@code vigil analyze}), an inventory ({@code inventory.json}) and the membership
 * state that keeps zones from flapping between runs.
 */
final class PolicyInputs {

    /** Bad input: one line for the user, already naming the file and where. */
    static final class Bad extends Exception {
        Bad(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private PolicyInputs() {
    }

    /**
     * Reads a policy: a policy file; a directory {@code vigil policy learn} wrote (its policy.vigil);
     * or a MUD file, bound to the devices that announced its URL (or, for a file Vigil learned, to
     * the device its URL names).
     */
    static Policy policy(Path path, List<Device> devices) throws Bad {
        try {
            if (Files.isDirectory(path)) {
                Path p = path.resolve("policy.vigil");
                if (!Files.exists(p)) {
                    throw new Bad(path + ": a directory without policy.vigil (write one with: vigil policy learn --out " + path
                            + " INPUT…)");
                }
                return PolicyParser.parse(p);
            }
            if (path.getFileName().toString().endsWith(".json")) {
                MudFile m = MudReader.read(path);
                List<String> ids = new ArrayList<>();
                for (Device d : devices) {
                    String slug = d.mac() == null ? null : d.mac().replace(':', '-');
                    if (m.mudUrl().equals(d.mudUrl()) || slug != null && m.mudUrl().endsWith("/device/" + slug + ".json")) {
                        ids.add(d.id());
                    }
                }
                if (ids.isEmpty()) {
                    throw new Bad(path + ": no device of the input announced " + m.mudUrl() + " (a MUD file applies to the "
                            + "devices that announce its URL)");
                }
                MudPolicy.Binding b = new MudPolicy.Binding(m, MudEvaluation.zoneName("mud", ids.get(0)),
                        List.of(Selector.of(Selector.Attribute.DEVICE, false, ids)));
                String name = path.getFileName().toString().replaceFirst("\\.json$", "").replaceAll("[^A-Za-z0-9_.-]", "-");
                return MudPolicy.convert(Character.isLetter(name.charAt(0)) ? name : "mud-" + name, List.of(b), Map.of(),
                        Policy.DEFAULT_LOCAL).policy();
            }
            return PolicyParser.parse(path);
        } catch (PolicyException | MudFormatException e) {
            throw new Bad(e.getMessage());
        }
    }

    /**
     * What the inputs say: the devices (from --inventory when given, else from the inputs' own
     * inventory), their trust tiers, and the observed flows and DNS answers.
     */
    record Estate(List<Device> devices, Map<String, String> tiers, Observations observations) {
    }

    static Estate estate(Path inventory, List<String> inputs) throws Bad {
        Observations obs = new Observations();
        Map<String, String> tiers = new HashMap<>();
        if (inputs != null && !inputs.isEmpty()) {
            Analyzer a = new Analyzer(AnalysisConfig.defaults().withEventLog(obs));
            try {
                for (String in : inputs) {
                    a.addInput(in, dev.vigil.detect.analysis.Progress.NONE);
                }
            } catch (InputException e) {
                throw new Bad(e.getMessage());
            }
            AnalysisResult r = a.finish();
            obs.devices(r.devices());
            r.assessment().devices().forEach((id, x) -> tiers.put(id, x.trust().tier()));
        }
        if (inventory == null) {
            return new Estate(obs.devices(), tiers, obs);
        }
        List<Device> devices = inventory(inventory, tiers);
        obs.devices(devices);
        return new Estate(devices, tiers, obs);
    }

    /** Reads the devices of an inventory.json ({@code vigil analyze --out}), and their trust tiers into {@code tiers}. */
    static List<Device> inventory(Path file, Map<String, String> tiers) throws Bad {
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            if (!root.isArray()) {
                throw new Bad(file + ": not an inventory.json (an array of devices)");
            }
            List<Device> out = new ArrayList<>();
            int i = 0;
            for (JsonNode n : root) {
                i++;
                if (!n.hasNonNull("id")) {
                    throw new Bad(file + ": device " + i + " has no id");
                }
                out.add(JSON.treeToValue(n, Device.class));
                if (n.path("trust").hasNonNull("tier")) {
                    tiers.put(n.get("id").asText(), n.path("trust").path("tier").asText());
                }
            }
            return out;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Bad(file + ": no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Bad(file + ":" + (e.getLocation() == null ? "" : e.getLocation().getLineNr() + ":")
                    + " not an inventory.json: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Bad(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The membership state kept between runs (device id → attribute → track), or empty. */
    static Membership membership(Path file, Policy p) throws Bad {
        if (file == null || !Files.exists(file)) {
            return new Membership(p.membership());
        }
        try {
            Map<String, Map<String, Membership.Track>> state = JSON.readValue(file.toFile(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Map<String, Membership.Track>>>() { });
            return new Membership(p.membership(), state);
        } catch (IOException e) {
            throw new Bad(file + ": not a membership state file: " + e.getMessage());
        }
    }

    static void saveMembership(Path file, Membership m) throws IOException {
        if (file != null) {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m.state()) + "\n");
        }
    }

    /** The policy's view of the devices (one membership observation) and what the inputs' DNS answers said. */
    static PolicyContext context(Policy p, Estate e, Membership m) {
        return PolicyContext.of(Subjects.of(e.devices(), Assets.none(), e.tiers(), m),
                e.observations().dnsView(p.dnsMarginSeconds()), List.of());
    }

    static void pending(PrintWriter err, Membership m, Policy policy, String cmd) {
        Map<String, String> p = m.pending();
        if (!p.isEmpty() && policy.zones().values().stream().anyMatch(dev.vigil.detect.segmentation.Zone::classified)) {
            err.println("vigil policy " + cmd + ": " + p.size() + " device" + (p.size() == 1 ? "" : "s")
                    + " not yet in their classification zones (stable classification needed; keep state across runs with "
                    + "--membership FILE)");
        }
    }
}
