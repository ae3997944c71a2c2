package dev.vigil.enforce.nftables;

import dev.vigil.enforce.EnforcementException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs nft(8) in a network namespace ({@code ip netns exec NAME nft …}) or the host's, with a
 * bounded wait, and turns its failure into one line.
 */
final class Nft {

    /** How long one nft command may take before it is killed. */
    static final long TIMEOUT_SECONDS = 60;

    record Result(int exit, String out, String err) {
    }

    private final String netns;
    private final Path scratch;
    /** Sees each nft process as it starts (the atomicity test kills one mid-transaction). */
    Consumer<Process> onStart = p -> { };
    /** Rewrites each script before it runs: only tests set it, to break a ruleset on purpose. */
    java.util.function.UnaryOperator<String> rewrite = s -> s;

    Nft(String netns, Path scratch) {
        this.netns = netns;
        this.scratch = scratch;
    }

    static String binary() {
        for (String p : List.of("/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "nft";
    }

    static String ip() {
        for (String p : List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "ip";
    }

    Result run(String... args) throws EnforcementException {
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of(ip(), "netns", "exec", netns));
        }
        cmd.add(binary());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            onStart.accept(p);
            var out = p.getInputStream();
            var err = p.getErrorStream();
            java.util.concurrent.CompletableFuture<byte[]> errBytes = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return err.readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            byte[] o = out.readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new EnforcementException("nft did not finish within " + TIMEOUT_SECONDS + " s and was stopped");
            }
            return new Result(p.exitValue(), new String(o, StandardCharsets.UTF_8),
                    new String(errBytes.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EnforcementException("cannot run nft: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnforcementException("interrupted while nft ran");
        }
    }

    /** Runs a script of nft commands; {@code check} only validates it ({@code nft -c}). */
    Result script(String text, boolean check) throws EnforcementException {
        Path f = null;
        try {
            Files.createDirectories(scratch);
            f = Files.createTempFile(scratch, "vigil-", ".nft");
            Files.writeString(f, rewrite.apply(text), StandardCharsets.UTF_8);
            return check ? run("-c", "-f", f.toString()) : run("-f", f.toString());
        } catch (IOException e) {
            throw new EnforcementException("cannot write the nft script under " + scratch + ": " + e.getMessage());
        } finally {
            if (f != null) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // a leftover script in the scratch directory is harmless
                }
            }
        }
    }

    /** nft's complaint, as one line: the first line of its error output. */
    static String firstLine(Result r) {
        String e = r.err().strip();
        int nl = e.indexOf('\n');
        return (nl < 0 ? e : e.substring(0, nl)).strip();
    }
}
