package pitwall.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.local.Project;

/**
 * Signed bundles: an export with a signing key writes SHA256SUMS.sig; with a verification key only bundles signed
 * by its pair (Ed25519) or secret (HMAC) load, and the signature is checked before the model is read.
 */
class BundleSigningTest {

    /** The two lines of {@code model keygen} as a map. */
    static Map<String, String> keys(boolean hmac) {
        Map<String, String> env = new java.util.HashMap<>();
        for (String line : BundleSignature.keygen(hmac).split("\n")) {
            if (!line.startsWith("#")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertEquals(2, env.size(), env.toString());
        return env;
    }

    @Test
    void aSignedExportLoadsWithItsKeyAndIsRefusedWithAnyOther(@TempDir Path tmp) throws Exception {
        Map<String, String> env = keys(false);
        BundleSignature.Signer signer = BundleSignature.signerFromEnv(env).orElseThrow();
        BundleSignature.Verifier verifier = BundleSignature.verifierFromEnv(env).orElseThrow();
        TestBundles.Fixture f = TestBundles.shared();
        ModelExporter exporter = new ModelExporter(f.store(), Project.locate().root(), f.snapshots(),
                tmp.resolve("models"), TestBundles::worker).signedWith(signer);
        ModelBundle exported = exporter.export(f.run().runId(), null).bundle();
        Path dir = exported.dir();
        assertTrue(Files.readString(dir.resolve(BundleSignature.SIGNATURE_FILE)).startsWith("ed25519 "));
        assertEquals(exported.manifest(), ModelBundle.load(dir, verifier).manifest());
        assertEquals(exported.manifest(), ModelBundle.load(dir, null).manifest(), "without a key it loads as before");
        assertTrue(BundleRegistry.files(exported).contains(BundleSignature.SIGNATURE_FILE));

        BundleSignature.Verifier other = BundleSignature.verifierFromEnv(keys(false)).orElseThrow();
        BundleException wrong = assertThrows(BundleException.class, () -> ModelBundle.load(dir, other));
        assertTrue(wrong.getMessage().contains("does not match SHA256SUMS under " + BundleSignature.VERIFY_ENV),
                wrong.getMessage());
        BundleSignature.Verifier hmac = BundleSignature.verifierFromEnv(keys(true)).orElseThrow();
        BundleException kind = assertThrows(BundleException.class, () -> ModelBundle.load(dir, hmac));
        assertTrue(kind.getMessage().contains("is signed with ed25519, but " + BundleSignature.VERIFY_ENV
                + " holds an hmac-sha256 key"), kind.getMessage());

        // The bomb with SHA256SUMS regenerated: the signature no longer matches, and nothing is deserialised.
        Path tampered = TestBundles.copy(dir, tmp.resolve("tampered"));
        ModelBundleTest.rewriteModel(tampered, ModelBundleTest.hashSetBomb(40));
        long start = System.nanoTime();
        BundleException bomb = assertThrows(BundleException.class, () -> ModelBundle.load(tampered, verifier));
        assertTrue(bomb.getMessage().contains("changed after signing"), bomb.getMessage());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1000);

        Path unsigned = TestBundles.copy(dir, tmp.resolve("unsigned"));
        Files.delete(unsigned.resolve(BundleSignature.SIGNATURE_FILE));
        BundleException missing = assertThrows(BundleException.class, () -> ModelBundle.load(unsigned, verifier));
        assertTrue(missing.getMessage().contains("is not signed (no SHA256SUMS.sig)")
                && missing.getMessage().contains("unset " + BundleSignature.VERIFY_ENV), missing.getMessage());

        Files.writeString(unsigned.resolve(BundleSignature.SIGNATURE_FILE), "ed25519 not/base64!\n");
        BundleException garbled = assertThrows(BundleException.class, () -> ModelBundle.load(unsigned, verifier));
        assertTrue(garbled.getMessage().contains("is not base64"), garbled.getMessage());
    }

    @Test
    void hmacSignsAndVerifiesWithOneSecret(@TempDir Path tmp) throws Exception {
        Map<String, String> env = keys(true);
        assertEquals(env.get(BundleSignature.SIGNING_ENV), env.get(BundleSignature.VERIFY_ENV));
        BundleSignature.Signer signer = BundleSignature.signerFromEnv(env).orElseThrow();
        BundleSignature.Verifier verifier = BundleSignature.verifierFromEnv(env).orElseThrow();
        Path dir = sign(TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("b")), signer);
        assertTrue(Files.readString(dir.resolve(BundleSignature.SIGNATURE_FILE)).startsWith("hmac-sha256 "));
        assertEquals("serve-test", ModelBundle.load(dir, verifier).name());

        BundleSignature.Verifier other = BundleSignature.verifierFromEnv(keys(true)).orElseThrow();
        assertThrows(BundleException.class, () -> ModelBundle.load(dir, other));

        ModelBundleTest.rewrite(dir, "README.md", "edited\n");
        BundleException tampered = assertThrows(BundleException.class, () -> ModelBundle.load(dir, verifier));
        assertTrue(tampered.getMessage().contains("changed after signing"), tampered.getMessage());
    }

    @Test
    void badKeysAreRefusedNamingTheVariable() {
        BundleException shortSecret = assertThrows(BundleException.class, () -> BundleSignature.verifierFromEnv(
                Map.of(BundleSignature.VERIFY_ENV, "hmac:c2hvcnQ=")));
        assertTrue(shortSecret.getMessage().startsWith(BundleSignature.VERIFY_ENV + " holds an HMAC secret of 5 bytes"),
                shortSecret.getMessage());
        BundleException notAKey = assertThrows(BundleException.class, () -> BundleSignature.signerFromEnv(
                Map.of(BundleSignature.SIGNING_ENV, "bm90IGEga2V5")));
        assertTrue(notAKey.getMessage().startsWith(BundleSignature.SIGNING_ENV + " is neither a base64 PKCS#8"),
                notAKey.getMessage());
        // A public key where the private one belongs.
        String publicKey = keys(false).get(BundleSignature.VERIFY_ENV);
        assertThrows(BundleException.class, () -> BundleSignature.signer(publicKey, BundleSignature.SIGNING_ENV));
        assertTrue(BundleSignature.verifierFromEnv(Map.of()).isEmpty());
    }

    /** Writes SHA256SUMS.sig as an export with {@code signer} would. */
    static Path sign(Path dir, BundleSignature.Signer signer) throws Exception {
        Files.writeString(dir.resolve(BundleSignature.SIGNATURE_FILE),
                signer.signatureFile(Files.readAllBytes(dir.resolve(ModelBundle.SUMS_FILE))));
        return dir;
    }
}
