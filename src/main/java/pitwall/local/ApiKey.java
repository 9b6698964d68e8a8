package pitwall.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Worker's admin key (secret {@code PREDICTIONS_API_KEY}). {@link #toString()} never shows the value.
 *
 * @param value      the key
 * @param devDefault true when no key was configured and the local-only dev key is used
 */
public record ApiKey(String value, boolean devDefault) {

    /** The environment variable (and Worker secret) name. */
    public static final String ENV = "PREDICTIONS_API_KEY";
    /** Used by the local Worker only, when {@value #ENV} is not set. */
    public static final String DEV_DEFAULT = "pitwall-local-dev-key";

    // Characters a dotenv file carries unquoted-safe inside single quotes.
    private static final Pattern SAFE = Pattern.compile("[\\x21-\\x7E&&[^'\"\\\\]]{1,512}");

    public ApiKey {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new LocalException(ENV + " must be 1-512 printable ASCII characters without spaces or quotes"
                    + " (its value is not shown)");
        }
    }

    /** The key from the process environment, else the dev default. */
    public static ApiKey fromEnvironment() {
        return from(System.getenv());
    }

    public static ApiKey from(Map<String, String> env) {
        String configured = env.get(ENV);
        return configured == null || configured.isBlank() ? new ApiKey(DEV_DEFAULT, true) : new ApiKey(configured, false);
    }

    /**
     * Writes a dotenv file holding only this key, readable by the owner only, for {@code wrangler dev --env-file}:
     * the key then never appears on a command line or in the Worker's code.
     */
    public Path writeEnvFile(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, ENV + "='" + value + "'\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the Worker's env file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ApiKey[" + (devDefault ? "local dev default" : "from " + ENV) + ", value hidden]";
    }
}
