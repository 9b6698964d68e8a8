package pitwall.eval;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import pitwall.local.Sha256;

/**
 * A SHA-256 over the code that is running, so that a cached fit is never reused by other code: for a jar, every
 * entry's name and CRC (read from the zip directory, no inflating; a shaded jar thus covers the libraries too); for
 * a class directory ({@code target/classes}), the bytes of every pitwall class plus the classpath's jar names, which
 * carry the library versions. Computed once per JVM.
 */
public final class CodeVersion {

    private static volatile String current;

    private CodeVersion() {
    }

    /** The hex digest of the running pitwall code. */
    public static String current() {
        String version = current;
        if (version == null) {
            synchronized (CodeVersion.class) {
                if (current == null) {
                    current = compute();
                }
                version = current;
            }
        }
        return version;
    }

    private static String compute() {
        Path location;
        try {
            location = Path.of(CodeVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where the pitwall classes are loaded from", e);
        }
        MessageDigest digest = Sha256.newDigest();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location.resolve("pitwall"))) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        update(digest, location.relativize(file).toString());
                        digest.update(Files.readAllBytes(file));
                    }
                }
                for (String entry : List.of(System.getProperty("java.class.path", "").split(File.pathSeparator))) {
                    if (entry.endsWith(".jar")) {
                        update(digest, Path.of(entry).getFileName().toString());
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        ZipEntry entry = e.nextElement();
                        update(digest, entry.getName() + "\0" + entry.getCrc() + "\0" + entry.getSize());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pitwall code at " + location + ": " + e.getMessage(), e);
        }
        update(digest, "java " + Runtime.version().feature());
        return Sha256.hex(digest);
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
