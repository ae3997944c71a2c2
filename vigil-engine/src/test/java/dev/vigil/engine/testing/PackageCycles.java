package dev.vigil.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package dependencies of compiled classes, read from their class files with the JDK's
 * class-file API (JEP 484), and the cycles among them. A class depends on every class its constant
 * pool names: classes it refers to, and the types in its descriptors and generic signatures (fields,
 * methods, record components, annotations, lambdas). String constants are not references.
 */
public final class PackageCycles {

    /** An internal name inside a descriptor or a signature: {@code Ldev/vigil/engine/flow/FlowMeta;}. */
    private static final Pattern IN_DESCRIPTOR = Pattern.compile("L([A-Za-z_$][\\w$]*(?:/[A-Za-z_$][\\w$]*)+)[;<]");

    private PackageCycles() {
    }

    /** Package → packages it depends on, with one class-level reference that shows each edge. */
    public static Map<String, Map<String, String>> dependencies(Path classes) {
        Map<String, Set<String>> byClass = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                ClassModel m = ClassFile.of().parse(Files.readAllBytes(f));
                byClass.put(m.thisClass().asInternalName(), references(m));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> packages = new HashSet<>();
        byClass.keySet().forEach(c -> packages.add(packageOf(c)));
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : byClass.entrySet()) {
            String from = packageOf(e.getKey());
            Map<String, String> edges = out.computeIfAbsent(from, k -> new TreeMap<>());
            for (String ref : e.getValue()) {
                String to = packageOf(ref);
                if (!to.equals(from) && packages.contains(to)) {
                    edges.putIfAbsent(to, e.getKey().replace('/', '.') + " -> " + ref.replace('/', '.'));
                }
            }
        }
        return out;
    }

    private static Set<String> references(ClassModel m) {
        Set<String> strings = new HashSet<>();
        for (PoolEntry p : m.constantPool()) {
            if (p instanceof StringEntry s) {
                strings.add(s.stringValue());
            }
        }
        Set<String> refs = new HashSet<>();
        for (PoolEntry p : m.constantPool()) {
            if (p instanceof ClassEntry c) {
                String n = c.asInternalName();
                if (n.startsWith("[")) {
                    descriptorTypes(n, refs);
                } else {
                    refs.add(n);
                }
            } else if (p instanceof Utf8Entry u && !strings.contains(u.stringValue())) {
                descriptorTypes(u.stringValue(), refs);
            }
        }
        return refs;
    }

    private static void descriptorTypes(String s, Set<String> into) {
        if (s.indexOf('L') < 0) {
            return;
        }
        Matcher x = IN_DESCRIPTOR.matcher(s);
        while (x.find()) {
            into.add(x.group(1));
        }
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }

    /**
     * The cycles: every strongly connected set of two or more packages (Tarjan), each with the
     * class references that make its edges, in words.
     */
    public static List<String> cycles(Path classes) {
        Map<String, Map<String, String>> g = dependencies(classes);
        List<String> out = new ArrayList<>();
        for (Set<String> scc : new Tarjan(g).components()) {
            if (scc.size() < 2) {
                continue;
            }
            StringBuilder sb = new StringBuilder("cycle among " + scc + ":");
            for (String from : scc) {
                g.getOrDefault(from, Map.of()).forEach((to, why) -> {
                    if (scc.contains(to)) {
                        sb.append("\n    ").append(from).append(" -> ").append(to).append("  (").append(why).append(')');
                    }
                });
            }
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * The strongly connected sets of two or more nodes of any graph (node → the nodes it points to),
     * for tests that build their graph themselves (several modules' classes in one).
     */
    public static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Map<String, String>> g = new TreeMap<>();
        graph.forEach((from, to) -> {
            Map<String, String> edges = new TreeMap<>();
            to.forEach(t -> edges.put(t, ""));
            g.put(from, edges);
        });
        return new Tarjan(g).components().stream().filter(c -> c.size() > 1).toList();
    }

    /** Tarjan's strongly connected components, iteration order fixed by the sorted maps. */
    private static final class Tarjan {
        private final Map<String, Map<String, String>> g;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> found = new ArrayList<>();
        private int next;

        Tarjan(Map<String, Map<String, String>> g) {
            this.g = g;
        }

        List<Set<String>> components() {
            for (String v : g.keySet()) {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            }
            return found;
        }

        private void visit(String v) {
            index.put(v, next);
            low.put(v, next);
            next++;
            stack.push(v);
            onStack.add(v);
            for (String w : g.getOrDefault(v, Map.of()).keySet()) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> c = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    c.add(w);
                } while (!w.equals(v));
                found.add(c);
            }
        }
    }
}
