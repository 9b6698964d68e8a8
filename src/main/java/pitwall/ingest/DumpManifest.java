package pitwall.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import pitwall.local.Sha256;

/**
 * The pinned dump: repository, folder and commit, and the sha256 of each CSV file (the resource
 * {@code pitwall/ingest/ergast-dump.sha256}, in sha256sum format).
 *
 * @param sha256 file name to lower-case hex sha256
 */
public record DumpManifest(String repository, String folder, String commit, Map<String, String> sha256) {

    public static final String REPOSITORY = "TracingInsights/RaceData";
    public static final String FOLDER = "data";
    public static final String COMMIT = "7688b1dc932d89374f8693a78fc9687c813e3e55";
    static final String RESOURCE = "ergast-dump.sha256";

    public DumpManifest {
        sha256 = java.util.Collections.unmodifiableMap(new TreeMap<>(sha256));
    }

    /** The manifest committed with pitwall. */
    public static DumpManifest pinned() {
        try (InputStream in = DumpManifest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource pitwall/ingest/" + RESOURCE + " is missing from the build");
            }
            Map<String, String> sums = new TreeMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    String[] parts = l.split("\\s+\\*?", 2);
                    sums.put(parts[1], parts[0].toLowerCase(java.util.Locale.ROOT));
                }
            }
            return new DumpManifest(REPOSITORY, FOLDER, COMMIT, sums);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dump manifest: " + e.getMessage(), e);
        }
    }

    /** raw.githubusercontent.com at the pinned commit, ending in a slash. */
    public URI defaultBaseUrl() {
        return URI.create("https://raw.githubusercontent.com/" + repository + "/" + commit + "/" + folder + "/");
    }

    /** {@code ~/.cache/pitwall/ergast-<commit>}. */
    public Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "pitwall", "ergast-" + commit);
    }

    /** True when every file of the manifest is in {@code dir} with the expected hash. */
    public boolean isComplete(Path dir) {
        return sha256.entrySet().stream().allMatch(e -> {
            Path file = dir.resolve(e.getKey());
            return Files.isRegularFile(file) && e.getValue().equals(sha256(file));
        });
    }

    /** The lower-case hex sha256 of a file. */
    public static String sha256(Path file) {
        return Sha256.hex(file);
    }
}
