package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.PackageCycles;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No package of the engine depends on itself through others: the layers point one way. */
class PackageCyclesTest {

    @Test
    void theEnginesPackagesHaveNoCycle() {
        assertThat(PackageCycles.cycles(Path.of("target/classes"))).isEmpty();
    }

    @Test
    void theEventsDependOnNothingButTheNetworkTypes() {
        assertThat(PackageCycles.dependencies(Path.of("target/classes")).get("dev.vigil.engine.event").keySet())
                .containsOnly("dev.vigil.engine.net");
    }

    /** The check itself: two packages whose classes name each other in a field and a method are a cycle. */
    @Test
    void aCycleThroughDescriptorsIsFound(@TempDir Path dir) throws Exception {
        ClassDesc a = ClassDesc.of("x.a.A");
        ClassDesc b = ClassDesc.of("x.b.B");
        ClassDesc c = ClassDesc.of("x.c.C");
        write(dir, "x/a/A.class", ClassFile.of().build(a, cb -> cb.withField("b", b, 0)));
        write(dir, "x/b/B.class", ClassFile.of().build(b, cb -> cb.withMethodBody("c", MethodTypeDesc.of(ConstantDescs.CD_void, c),
                ClassFile.ACC_STATIC, code -> code.return_())));
        write(dir, "x/c/C.class", ClassFile.of().build(c, cb -> cb.withMethodBody("a", MethodTypeDesc.of(ConstantDescs.CD_void),
                ClassFile.ACC_STATIC, code -> code.ldc("x/b/B is only text here").pop().new_(a).pop().return_())));
        assertThat(PackageCycles.cycles(dir)).singleElement().asString().startsWith("cycle among [x.a, x.b, x.c]:")
                .contains("x.a -> x.b  (x.a.A -> x.b.B)").contains("x.c -> x.a  (x.c.C -> x.a.A)");
        Files.delete(dir.resolve("x/c/C.class"));
        write(dir, "x/c/C.class", ClassFile.of().build(c, cb -> cb.withMethodBody("a", MethodTypeDesc.of(ConstantDescs.CD_void),
                ClassFile.ACC_STATIC, code -> code.ldc("Lx/a/A;").pop().return_())));
        assertThat(PackageCycles.cycles(dir)).as("a string constant is no reference").isEmpty();
    }

    private static void write(Path dir, String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }
}
