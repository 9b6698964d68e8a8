package pitwall.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.cli.Main;

/**
 * {@code pitwall model verify}: exit 0 for a sound bundle, 1 (one line on stderr) for a tampered one; with
 * {@value BundleSignature#VERIFY_ENV} in the environment of a real {@code pitwall} process, only signed bundles pass.
 */
class ModelCommandTest {

    record Outcome(int code, String out, String err) {
    }

    @Test
    void verifiesABundleAndRefusesATamperedOne(@TempDir Path tmp) throws Exception {
        Path dir = TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("b"));
        assertEquals(0, Main.run("model", "verify", dir.toString()));
        Files.writeString(dir.resolve("README.md"), "edited\n");
        assertEquals(1, Main.run("model", "verify", dir.toString()));
        assertEquals(1, Main.run("model", "verify", tmp.resolve("missing").toString()));
        assertEquals(2, Main.run("serve"), "--model is required");
    }

    @Test
    void verifyTakesTheKeyFromTheEnvironment(@TempDir Path tmp) throws Exception {
        Outcome keygen = pitwall(tmp, Map.of(), "model", "keygen");
        assertEquals(0, keygen.code(), keygen.err());
        Map<String, String> keys = new java.util.HashMap<>();
        for (String line : keygen.out().split("\n")) {
            if (line.startsWith("PITWALL_")) {
                keys.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Path dir = BundleSigningTest.sign(TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("b")),
                BundleSignature.signerFromEnv(keys).orElseThrow());
        Map<String, String> verify = Map.of(BundleSignature.VERIFY_ENV, keys.get(BundleSignature.VERIFY_ENV));

        Outcome signed = pitwall(tmp, verify, "model", "verify", dir.toString());
        assertEquals(0, signed.code(), signed.err());
        assertTrue(signed.out().contains("the ed25519 signature matches PITWALL_BUNDLE_VERIFY_KEY"), signed.out());

        Outcome noKey = pitwall(tmp, Map.of(), "model", "verify", dir.toString());
        assertEquals(0, noKey.code(), noKey.err());
        assertTrue(noKey.out().contains("signed, but the signature was not checked: PITWALL_BUNDLE_VERIFY_KEY is "
                + "not set, so unsigned bundles load too"), noKey.out());

        Outcome other = pitwall(tmp, Map.of(BundleSignature.VERIFY_ENV,
                BundleSigningTest.keys(false).get(BundleSignature.VERIFY_ENV)), "model", "verify", dir.toString());
        assertEquals(1, other.code());
        assertTrue(other.err().contains("signed with another key"), other.err());

        Files.delete(dir.resolve(BundleSignature.SIGNATURE_FILE));
        Outcome unsigned = pitwall(tmp, verify, "model", "verify", dir.toString());
        assertEquals(1, unsigned.code());
        assertTrue(unsigned.err().startsWith("error: model bundle ") && unsigned.err().contains("is not signed"),
                unsigned.err());
    }

    /** {@code pitwall} in a JVM of its own, with the test's classpath and {@code env} over a clean environment. */
    private static Outcome pitwall(Path tmp, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove(BundleSignature.SIGNING_ENV);
        builder.environment().remove(BundleSignature.VERIFY_ENV);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pitwall " + String.join(" ", args) + " did not finish in 90 s");
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
