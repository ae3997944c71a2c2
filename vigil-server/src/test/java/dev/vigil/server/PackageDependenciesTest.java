package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.PackageCycles;
import dev.vigil.engine.testing.TestData;
import dev.vigil.store.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape of the server and the store, read from their compiled classes and their sources: no
 * cycle between packages, no SQL outside the store, and small files.
 */
class PackageDependenciesTest {

    static final int MAX_LINES = 400;

    /** Package → the packages of the server and the store it refers to (itself left out). */
    static Map<String, Set<String>> graph() throws Exception {
        Map<String, Set<String>> g = new TreeMap<>();
        for (Class<?> module : List.of(VigilServer.class, Database.class)) {
            ClassReferences.of(module).forEach((cls, refs) -> {
                String from = ClassReferences.packageOf(cls);
                Set<String> to = g.computeIfAbsent(from, k -> new TreeSet<>());
                for (String r : refs) {
                    String p = ClassReferences.packageOf(r);
                    if (!p.equals(from) && (p.startsWith("dev.vigil.server") || p.startsWith("dev.vigil.store"))) {
                        to.add(p);
                    }
                }
            });
        }
        return g;
    }

    @Test
    void noPackageOfTheServerOrTheStoreDependsOnItselfThroughOthers() throws Exception {
        Map<String, Set<String>> g = graph();
        assertThat(g.keySet()).contains("dev.vigil.server", "dev.vigil.server.api.devices", "dev.vigil.store.db", "dev.vigil.store.devices");
        assertThat(g.get("dev.vigil.server.api.devices")).contains("dev.vigil.store.devices").doesNotContain("dev.vigil.server");
        assertThat(cycles(g)).as("package cycles").isEmpty();
        // the store is below the server: nothing of the store refers to the server
        g.forEach((p, to) -> {
            if (p.startsWith("dev.vigil.store")) {
                assertThat(to).as(p).noneMatch(x -> x.startsWith("dev.vigil.server"));
            }
        });
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of());
        assertThat(cycles(g)).containsExactly(Set.of("a", "b", "c"));
        assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
    }

    @Test
    void theServerRunsNoSqlOfItsOwn() throws Exception {
        List<String> sql = new ArrayList<>();
        ClassReferences.of(VigilServer.class).forEach((cls, refs) -> refs.stream().filter(r -> r.startsWith("org/jdbi/")
                || r.equals("java/sql/Connection") || r.equals("java/sql/PreparedStatement") || r.equals("java/sql/ResultSet"))
                .forEach(r -> sql.add(cls + " → " + r)));
        assertThat(sql).isEmpty();
    }

    @Test
    void noMainSourceFileOfTheServerOrTheStoreIsLong() throws Exception {
        Map<String, Integer> tooLong = new TreeMap<>();
        for (String module : List.of("vigil-server", "vigil-store")) {
            Path src = TestData.repoRoot().resolve(module).resolve("src/main/java");
            try (var files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    int n = Files.readAllLines(f).size();
                    if (n > MAX_LINES) {
                        tooLong.put(src.relativize(f).toString(), n);
                    }
                }
            }
        }
        assertThat(tooLong).as("files over " + MAX_LINES + " lines").isEmpty();
    }

    /** The strongly connected components of more than one package. */
    static List<Set<String>> cycles(Map<String, Set<String>> g) {
        return PackageCycles.cycles(g);
    }
}
