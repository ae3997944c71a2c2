package dev.vigil.engine.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Seeds a fuzz target with inputs from real captures ({@link Seeds}), chosen by the target
 * method's name. In regression mode (./test) each seed is one run of the target; when fuzzing
 * (JAZZER_FUZZ=1) they are where the fuzzer starts. Put it before {@code @FuzzTest}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(RealSeeds.Provider.class)
public @interface RealSeeds {

    /** The seeds of the engine's targets; the protocol targets are named after their protocol. */
    final class Provider implements ArgumentsProvider {

        @Override
        public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
            String target = context.getRequiredTestMethod().getName();
            Stream<byte[]> seeds = switch (target) {
                case "frames" -> Seeds.frames();
                case "capture" -> Seeds.captureFiles();
                case "ndp" -> Seeds.neighborDiscovery();
                case "lldp" -> Seeds.lldp();
                case "cdp" -> Seeds.cdp();
                case "dcp" -> Seeds.dcp();
                case "signatures" -> Seeds.signatures();
                default -> Seeds.protocol(dev.vigil.engine.fuzz.Target.named(target));
            };
            return seeds.map(b -> Arguments.of((Object) b));
        }
    }
}
