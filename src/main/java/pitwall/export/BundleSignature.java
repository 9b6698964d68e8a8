package pitwall.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures over a bundle's {@code SHA256SUMS} (which holds the sha256 of {@code model.bin} and {@code
 * manifest.json}), in {@value #SIGNATURE_FILE}: the checksums beside a file only catch accidents, a signature made
 * where the model was exported also catches a bundle rebuilt by someone else. Ed25519 (a key pair: the signing key
 * stays where models are exported) or HMAC-SHA256 (one shared secret). Keys come from the environment:
 * {@value #SIGNING_ENV} (base64 PKCS#8 Ed25519 private key, or {@code hmac:<base64 secret>}) and {@value #VERIFY_ENV}
 * (base64 X.509 Ed25519 public key, or {@code hmac:<base64 secret>}).
 */
public final class BundleSignature {

    public static final String SIGNING_ENV = "PITWALL_BUNDLE_SIGNING_KEY";
    public static final String VERIFY_ENV = "PITWALL_BUNDLE_VERIFY_KEY";
    public static final String SIGNATURE_FILE = "SHA256SUMS.sig";

    static final String ED25519 = "ed25519";
    static final String HMAC = "hmac-sha256";
    private static final String HMAC_PREFIX = "hmac:";
    private static final int MIN_SECRET_BYTES = 32;

    private BundleSignature() {
    }

    /** A key that signs: an Ed25519 private key or an HMAC secret; {@code origin} names where it came from. */
    public record Signer(String algorithm, Key key, String origin) {
        byte[] sign(byte[] data) {
            try {
                if (algorithm.equals(HMAC)) {
                    return mac(key, data);
                }
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign((PrivateKey) key);
                signature.update(data);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new BundleException("cannot sign with " + origin + ": " + e.getMessage(), e);
            }
        }

        /** The content of {@value #SIGNATURE_FILE} for {@code sums}: {@code <algorithm> <base64 signature>}. */
        String signatureFile(byte[] sums) {
            return algorithm + " " + Base64.getEncoder().encodeToString(sign(sums)) + "\n";
        }
    }

    /** A key that checks signatures: an Ed25519 public key or an HMAC secret. */
    public record Verifier(String algorithm, Key key, String origin) {
        boolean verifies(byte[] data, byte[] signature) {
            try {
                if (algorithm.equals(HMAC)) {
                    return MessageDigest.isEqual(mac(key, data), signature);
                }
                Signature check = Signature.getInstance("Ed25519");
                check.initVerify((PublicKey) key);
                check.update(data);
                return check.verify(signature);
            } catch (java.security.SignatureException e) {
                return false; // a malformed signature is a wrong one
            } catch (GeneralSecurityException e) {
                throw new BundleException("cannot verify with " + origin + ": " + e.getMessage(), e);
            }
        }
    }

    /** The signing key of {@value #SIGNING_ENV}, if set. */
    public static Optional<Signer> signerFromEnv(Map<String, String> env) {
        String value = env.get(SIGNING_ENV);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(signer(value, SIGNING_ENV));
    }

    /** The verification key of {@value #VERIFY_ENV}, if set. */
    public static Optional<Verifier> verifierFromEnv(Map<String, String> env) {
        String value = env.get(VERIFY_ENV);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(verifier(value, VERIFY_ENV));
    }

    public static Signer signer(String text, String origin) {
        Key key = key(text, origin, "PKCS#8 Ed25519 private key",
                (factory, bytes) -> factory.generatePrivate(new PKCS8EncodedKeySpec(bytes)));
        return new Signer(key instanceof SecretKeySpec ? HMAC : ED25519, key, origin);
    }

    public static Verifier verifier(String text, String origin) {
        Key key = key(text, origin, "X.509 Ed25519 public key",
                (factory, bytes) -> factory.generatePublic(new X509EncodedKeySpec(bytes)));
        return new Verifier(key instanceof SecretKeySpec ? HMAC : ED25519, key, origin);
    }

    @FunctionalInterface
    private interface Decoder {
        Key decode(KeyFactory factory, byte[] encoded) throws GeneralSecurityException;
    }

    /** An HMAC secret for {@code hmac:<base64>}, else an Ed25519 key decoded from base64 by {@code decoder}. */
    private static Key key(String text, String origin, String what, Decoder decoder) {
        String value = text.strip();
        if (value.startsWith(HMAC_PREFIX)) {
            return secret(value, origin);
        }
        try {
            return decoder.decode(KeyFactory.getInstance("Ed25519"), base64(value, origin));
        } catch (GeneralSecurityException e) {
            throw new BundleException(origin + " is neither a base64 " + what + " nor " + HMAC_PREFIX
                    + "<base64 secret> (`pitwall model keygen` makes one): " + e.getMessage(), e);
        }
    }

    /**
     * Refuses the bundle in {@code dir} unless {@code signatureFile} (null when absent) signs {@code sums} under
     * {@code verifier}. Runs before anything of the bundle is parsed or deserialised.
     */
    static void check(Verifier verifier, byte[] sums, byte[] signatureFile, String dir) {
        if (signatureFile == null) {
            throw new BundleException("model bundle " + dir + " is not signed (no " + SIGNATURE_FILE + "), and "
                    + verifier.origin() + " is set, so only signed bundles load: export it again with " + SIGNING_ENV
                    + " set, or unset " + verifier.origin() + " to load unsigned bundles");
        }
        String[] parts = new String(signatureFile, StandardCharsets.UTF_8).strip().split("\\s+");
        if (parts.length != 2) {
            throw new BundleException("model bundle " + dir + ": " + SIGNATURE_FILE + " is malformed (expected "
                    + "'<algorithm> <base64 signature>')");
        }
        if (!parts[0].equals(verifier.algorithm())) {
            throw new BundleException("model bundle " + dir + " is signed with " + parts[0] + ", but "
                    + verifier.origin() + " holds an " + verifier.algorithm() + " key");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new BundleException("model bundle " + dir + ": the signature in " + SIGNATURE_FILE
                    + " is not base64", e);
        }
        if (!verifier.verifies(sums, signature)) {
            throw new BundleException("model bundle " + dir + ": the signature in " + SIGNATURE_FILE + " does not "
                    + "match SHA256SUMS under " + verifier.origin() + " (" + verifier.algorithm() + "): the bundle "
                    + "was changed after signing, or signed with another key");
        }
    }

    /** {@code NAME=value} lines of a fresh Ed25519 key pair, or of a fresh HMAC secret for both variables. */
    public static String keygen(boolean hmac) {
        if (hmac) {
            byte[] secret = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            String line = HMAC_PREFIX + Base64.getEncoder().encodeToString(secret);
            return "# HMAC-SHA256 secret for model bundles: the same secret signs and verifies; keep both secret.\n"
                    + SIGNING_ENV + "=" + line + "\n" + VERIFY_ENV + "=" + line + "\n";
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return "# Ed25519 key pair for model bundles: the signing key stays where models are exported (secret);\n"
                    + "# the verify key goes wherever bundles are loaded (serve, model verify).\n"
                    + SIGNING_ENV + "=" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + VERIFY_ENV + "=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    private static SecretKeySpec secret(String value, String origin) {
        byte[] secret = base64(value.substring(HMAC_PREFIX.length()), origin);
        if (secret.length < MIN_SECRET_BYTES) {
            throw new BundleException(origin + " holds an HMAC secret of " + secret.length + " bytes; use at least "
                    + MIN_SECRET_BYTES + " random bytes (`pitwall model keygen --hmac`)");
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static byte[] base64(String text, String origin) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new BundleException(origin + " is not base64: " + e.getMessage(), e);
        }
    }

    private static byte[] mac(Key key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac.doFinal(data);
    }
}
