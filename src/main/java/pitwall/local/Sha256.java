package pitwall.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 as lower-case hex, the spelling of {@code sha256sum} that snapshots, dump checksums and bundle
 * {@code SHA256SUMS} share. One place, so every digest in the project is computed and spelled the same way.
 */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat LOWER = HexFormat.of();

    private Sha256() {
    }

    /** The hex digest of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return LOWER.formatHex(newDigest().digest(bytes));
    }

    /** The hex digest of a file, read as a stream (dump files run to tens of megabytes). */
    public static String hex(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), newDigest())) {
            in.transferTo(OutputStream.nullOutputStream());
            return hex(in.getMessageDigest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Completes {@code digest} (e.g. one a {@link DigestInputStream} fed while copying) and spells it in hex. */
    public static String hex(MessageDigest digest) {
        return LOWER.formatHex(digest.digest());
    }

    /** A fresh SHA-256 digest, for hashing while copying a stream ({@link DigestInputStream}). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** True for 64 lower-case hex digits: the spelling {@link #hex} produces. */
    public static boolean isHex(String text) {
        return text != null && HEX.matcher(text).matches();
    }
}
