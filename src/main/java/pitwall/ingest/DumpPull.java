package pitwall.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import pitwall.local.Sha256;

/**
 * Downloads the pinned dump from a base URL ({@code https:}, {@code http:} or {@code file:}) into a directory,
 * verifying every file against the manifest. Each file is written to a temporary name and moved into place only
 * when its sha256 matches, so the destination never holds a partial or wrong file. Files already present with the
 * right hash are not downloaded again.
 */
public final class DumpPull {

    private final DumpManifest manifest;
    private final URI base;
    private final Path dest;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build();

    public DumpPull(DumpManifest manifest, URI base, Path dest) {
        this.manifest = manifest;
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.dest = dest.toAbsolutePath().normalize();
    }

    /** The pinned dump from GitHub into {@code ~/.cache/pitwall/ergast-<commit>}. */
    public static DumpPull pinned() {
        DumpManifest manifest = DumpManifest.pinned();
        return new DumpPull(manifest, manifest.defaultBaseUrl(), manifest.defaultCacheDir());
    }

    /**
     * What a pull did.
     *
     * @param downloaded files fetched and verified
     * @param present    files that were already there with the right hash
     */
    public record Report(Path dest, URI base, List<String> downloaded, List<String> present, long bytes,
                         Duration elapsed) {

        public String format() {
            return String.format("Dump at %s: %d file(s) downloaded from %s (%,d bytes), %d already present; "
                            + "all sha256 verified (%.1f s)", dest, downloaded.size(), base, bytes, present.size(),
                    elapsed.toMillis() / 1000.0);
        }
    }

    public Path dest() {
        return dest;
    }

    public DumpManifest manifest() {
        return manifest;
    }

    public Report pull() {
        long start = System.nanoTime();
        List<String> downloaded = new ArrayList<>();
        List<String> present = new ArrayList<>();
        long bytes = 0;
        try {
            Files.createDirectories(dest);
        } catch (IOException e) {
            throw new PullException("Cannot create " + dest + ": " + e.getMessage(), e);
        }
        for (var entry : manifest.sha256().entrySet()) {
            Path target = dest.resolve(entry.getKey());
            if (Files.isRegularFile(target) && entry.getValue().equals(DumpManifest.sha256(target))) {
                present.add(entry.getKey());
                continue;
            }
            bytes += fetch(entry.getKey(), entry.getValue(), target);
            downloaded.add(entry.getKey());
        }
        return new Report(dest, base, downloaded, present, bytes, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Downloads one file to a temporary name, checks its hash, then moves it into place; returns its size. */
    private long fetch(String file, String expected, Path target) {
        URI source = base.resolve(file);
        Path temp = null;
        try {
            temp = Files.createTempFile(dest, "." + file + ".", ".part");
            String actual;
            try (InputStream raw = open(source);
                 DigestInputStream in = new DigestInputStream(raw, Sha256.newDigest());
                 OutputStream out = Files.newOutputStream(temp)) {
                in.transferTo(out);
                actual = Sha256.hex(in.getMessageDigest());
            }
            if (!actual.equals(expected)) {
                throw new PullException("Checksum mismatch for " + file + " from " + source + ": expected sha256 "
                        + expected + ", got " + actual + "; the file was deleted. The mirror does not serve the "
                        + "pinned commit " + manifest.commit() + " (wrong --base-url, or the file was altered)");
            }
            long size = Files.size(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return size;
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new PullException("Cannot download " + file + " from " + source + ": " + why
                    + " (offline? pass --base-url or point PITWALL_DATA at a dump directory)", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort; a stray .part file is ignored by everything
                }
            }
        }
    }

    private InputStream open(URI source) throws IOException {
        String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(java.util.Locale.ROOT);
        switch (scheme) {
            case "file" -> {
                return Files.newInputStream(Path.of(source));
            }
            case "http", "https" -> {
                HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(5)).build();
                try {
                    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    if (response.statusCode() != 200) {
                        response.body().close();
                        throw new IOException("HTTP " + response.statusCode());
                    }
                    return response.body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            default -> throw new PullException("Unsupported base URL " + base + ": use https:, http: or file:");
        }
    }
}
