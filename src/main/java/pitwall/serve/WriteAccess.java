package pitwall.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Who may write predictions through the predictor ({@code ?store=true}): a caller presenting the predictor's key in
 * {@code X-API-Key}. Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual}, in constant time and
 * without revealing the key's length.
 */
final class WriteAccess {

    static final String HEADER = "X-API-Key";

    private final byte[] keyDigest;

    /** {@code key} null or blank: writing is disabled. */
    WriteAccess(String key) {
        this.keyDigest = key == null || key.isBlank() ? null : sha256(key);
    }

    boolean enabled() {
        return keyDigest != null;
    }

    /** 401 {@code UNAUTHORIZED} unless {@code presented} is the key; 403 when this predictor has no key. */
    void check(String presented) {
        if (keyDigest == null) {
            throw new ApiError(403, "WRITES_DISABLED", "this predictor has no write key, so store=true is refused; "
                    + "start it with PITWALL_SERVE_KEY or PREDICTIONS_API_KEY set");
        }
        if (presented == null || presented.isEmpty()) {
            throw new ApiError(401, "UNAUTHORIZED", "store=true writes to D1 and needs the predictor's key in the "
                    + HEADER + " header");
        }
        if (!MessageDigest.isEqual(sha256(presented), keyDigest)) {
            throw new ApiError(401, "UNAUTHORIZED", "the " + HEADER + " header does not hold the predictor's key");
        }
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
