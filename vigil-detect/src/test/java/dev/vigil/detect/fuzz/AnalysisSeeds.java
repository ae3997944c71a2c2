package dev.vigil.detect.fuzz;

import dev.vigil.engine.fuzz.Conversation;
import dev.vigil.engine.fuzz.Conversation.Message;
import dev.vigil.engine.fuzz.Seeds;
import dev.vigil.engine.fuzz.Target;
import dev.vigil.engine.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Seeds {@link AnalyzerFuzzTest}'s targets from real inputs: for {@code pipeline} the first frames
 * of every capture and a conversation of every protocol the captures hold, tagged with their kind;
 * for {@code zeek} the rows of real conn.logs (the bundled IoT-23 sample; ../shared/data's with
 * {@code -Dvigil.fuzz.shared=true}). Put it before {@code @FuzzTest}.
 */
@java.lang.annotation.Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(AnalysisSeeds.Provider.class)
public @interface AnalysisSeeds {

    /** The conn.log headers the zeek target's first byte picks from: TSV, none (JSON lines), CSV. */
    byte[][] HEADERS = {("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
            + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\t"
            + "resp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\t"
            + "resp_ip_bytes\ttunnel_parents\tlabel\tdetailed-label\n").getBytes(StandardCharsets.UTF_8), new byte[0],
        ("ts,uid,id.orig_h,id.orig_p,id.resp_h,id.resp_p,proto,service,duration,orig_bytes,resp_bytes,conn_state,"
            + "history,orig_pkts,orig_ip_bytes,resp_pkts,resp_ip_bytes,label\n").getBytes(StandardCharsets.UTF_8)};

    /** Rows per seed. */
    int ROWS = 40;

    final class Provider implements ArgumentsProvider {

        @Override
        public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
            Stream<byte[]> seeds = switch (context.getRequiredTestMethod().getName()) {
                case "pipeline" -> pipeline();
                case "zeek" -> zeek();
                default -> throw new IllegalArgumentException("no seeds for " + context.getRequiredTestMethod());
            };
            return seeds.map(b -> Arguments.of((Object) b));
        }

        static Stream<byte[]> pipeline() {
            List<byte[]> out = new ArrayList<>(Seeds.frames().limit(12).toList());
            List<Message> mixed = new ArrayList<>();
            List<Target> targets = Target.all();
            for (int i = 0; i < targets.size(); i++) {
                byte index = (byte) i;
                Seeds.protocol(targets.get(i)).limit(1).forEach(c -> {
                    for (Message m : Conversation.decode(c).messages()) {
                        byte[] b = new byte[m.bytes().length + 1];
                        b[0] = index;
                        System.arraycopy(m.bytes(), 0, b, 1, m.bytes().length);
                        mixed.add(new Message((AnalyzerFuzzTest.PROTOCOL << 4) | (m.control() & 0x0f), b));
                    }
                });
            }
            tag(Seeds.neighborDiscovery(), AnalyzerFuzzTest.NDP, mixed);
            tag(Seeds.lldp(), AnalyzerFuzzTest.LLDP, mixed);
            tag(Seeds.cdp(), AnalyzerFuzzTest.CDP, mixed);
            out.add(Conversation.encode(mixed.subList(0, Math.min(mixed.size(), Conversation.MAX_MESSAGES))));
            return out.stream();
        }

        private static void tag(Stream<byte[]> seeds, int kind, List<Message> into) {
            seeds.limit(1).forEach(c -> Conversation.decode(c).messages()
                    .forEach(m -> into.add(new Message((kind << 4) | (m.control() & 0x0f), m.bytes()))));
        }

        static Stream<byte[]> zeek() {
            List<Path> logs = new ArrayList<>(List.of(TestData.engineModule().resolveSibling(
                    "vigil-detect/src/test/resources/flows/iot23-sample.conn.log.labeled")));
            if (Boolean.getBoolean("vigil.fuzz.shared") && TestData.sharedData() != null) {
                try (Stream<Path> s = Files.walk(TestData.sharedData().resolve("flows"))) {
                    logs.addAll(s.filter(p -> p.toString().endsWith("conn.log") || p.toString().endsWith("conn.log.labeled"))
                            .sorted().toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            List<byte[]> out = new ArrayList<>();
            for (Path log : logs) {
                try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                    List<String> rows = lines.filter(l -> !l.startsWith("#")).limit(ROWS).toList();
                    out.add(seed(0, String.join("\n", rows)));
                    out.add(seed(1, json(rows)));
                } catch (IOException | UncheckedIOException e) {
                    throw new AssertionError("cannot read " + log, e);
                }
            }
            return out.stream();
        }

        /** The first columns of TSV rows as JSON lines (Zeek's JSON writer's field names). */
        static String json(List<String> rows) {
            String[] names = {"ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service",
                "duration", "orig_bytes", "resp_bytes", "conn_state"};
            StringBuilder sb = new StringBuilder();
            for (String row : rows) {
                String[] f = row.split("\t");
                sb.append('{');
                for (int i = 0; i < names.length && i < f.length; i++) {
                    sb.append(i == 0 ? "" : ",").append('"').append(names[i]).append("\":\"")
                            .append(f[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
                sb.append("}\n");
            }
            return sb.toString();
        }

        private static byte[] seed(int header, String body) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[b.length + 1];
            out[0] = (byte) header;
            System.arraycopy(b, 0, out, 1, b.length);
            return out;
        }
    }
}
