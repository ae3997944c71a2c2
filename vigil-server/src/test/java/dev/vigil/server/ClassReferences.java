package dev.vigil.server;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes each compiled class of a module refers to, read from its constant pool (JVMS §4.4):
 * the classes it names (CONSTANT_Class) and every class in its descriptors and signatures (a
 * {@code Lpkg/Name;} in a CONSTANT_Utf8).
 */
final class ClassReferences {

    private static final Pattern IN_DESCRIPTOR = Pattern.compile("L([a-zA-Z_$][\\w$]*(?:/[\\w$]+)+);");

    private ClassReferences() {
    }

    /** Class name (a/b/C) → the names it refers to, for every class of the module holding {@code anyClass}. */
    static Map<String, Set<String>> of(Class<?> anyClass) throws IOException, URISyntaxException {
        Path root = Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Set<String>> out = new HashMap<>();
        if (Files.isDirectory(root)) {
            try (var files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(f).toString().replace('\\', '/');
                    out.put(name.substring(0, name.length() - 6), references(Files.readAllBytes(f)));
                }
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                for (JarEntry e : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    try (InputStream in = jar.getInputStream(e)) {
                        out.put(e.getName().substring(0, e.getName().length() - 6), references(in.readAllBytes()));
                    }
                }
            }
        }
        return out;
    }

    /** The class names one class file refers to. */
    static Set<String> references(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int classes = 0;
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames[classes++] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // JVMS §4.4.5: eight-byte constants take two entries
                }
                default -> throw new IOException("constant pool tag " + tag + " at entry " + i);
            }
        }
        Set<String> refs = new TreeSet<>();
        for (int k = 0; k < classes; k++) {
            String n = utf8[classNames[k]];
            refs.add(n.startsWith("[") ? n.replaceAll("^\\[+L?|;$", "") : n);
        }
        for (String s : utf8) {
            if (s != null && s.indexOf(';') > 0) {
                Matcher m = IN_DESCRIPTOR.matcher(s);
                while (m.find()) {
                    refs.add(m.group(1));
                }
            }
        }
        return refs;
    }

    /** The package of a class name (a/b/C$D → a.b). */
    static String packageOf(String className) {
        int slash = className.lastIndexOf('/');
        return slash < 0 ? "" : className.substring(0, slash).replace('/', '.');
    }
}
