package pitwall.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.stream.Stream;
import pitwall.local.Project;
import pitwall.local.Sha256;

/**
 * A content-addressed copy of loaded seasons on disk, so an experiment can say exactly which data it used and be
 * rerun offline.
 *
 * <p>Layout: one {@code season-YYYY.json} per season (the season in canonical form: {@link SeasonData#canonical()}
 * order, properties sorted, no whitespace) and {@code manifest.json} ({@link SnapshotManifest}). The snapshot's
 * {@link #hash()} is the sha256 of {@code "pitwall-snapshot/1\n"} followed by one line {@code "<file> <sha256>\n"}
 * per season in year order: it depends on the data only, not on load order or time. By default snapshots live in
 * {@code .pitwall/snapshots/<hash>/} under the project.
 *
 * <p>{@link #open(Path)} verifies every file against the manifest and the manifest against its hash, so a changed
 * snapshot fails loudly instead of silently feeding other data to an experiment.
 */
public final class DataSnapshot implements SeasonSource {

    public static final String MANIFEST = "manifest.json";
    static final int FORMAT = 1;
    private static final String HASH_HEADER = "pitwall-snapshot/" + FORMAT + "\n";

    private final Path dir;
    private final SnapshotManifest manifest;

    private DataSnapshot(Path dir, SnapshotManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    // ---- writing --------------------------------------------------------------------------------------------

    /** Fetches {@code fromYear..toYear} from the source and writes them to {@code .pitwall/snapshots/<hash>/}. */
    public static DataSnapshot capture(SeasonSource source, int fromYear, int toYear) {
        return write(FrameLoader.fetch(source, fromYear, toYear), null, source.describe());
    }

    /** Writes the seasons to {@code .pitwall/snapshots/<hash>/}; returns the existing snapshot if already there. */
    public static DataSnapshot write(Collection<SeasonData> seasons) {
        return write(seasons, null, null);
    }

    /** Writes the seasons to {@code dir}, which must not exist, be empty, or hold the same snapshot. */
    public static DataSnapshot write(Collection<SeasonData> seasons, Path dir) {
        return write(seasons, dir, null);
    }

    /**
     * Writes the seasons to {@code dir} (null: the default location named by the hash), recording {@code source}
     * in the manifest.
     */
    public static DataSnapshot write(Collection<SeasonData> seasons, Path dir, String source) {
        return write(Content.of(seasons), dir, source);
    }

    /** Writes the seasons to the folder named by their hash under {@code root}, serialising them once. */
    public static DataSnapshot writeUnder(Path root, Collection<SeasonData> seasons, String source) {
        Content content = Content.of(seasons);
        return write(content, root.resolve(content.hash()), source);
    }

    private static DataSnapshot write(Content content, Path dir, String source) {
        Path target = (dir == null ? defaultRoot().resolve(content.hash()) : dir).toAbsolutePath().normalize();
        SnapshotManifest manifest = new SnapshotManifest(FORMAT, content.hash(), content.years(), source,
                Instant.now(), content.totals(), content.files());
        try {
            DataSnapshot existing = existing(target, content.hash());
            if (existing != null) {
                return existing;
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), ".tmp-snapshot-");
            try {
                for (int i = 0; i < content.bytes().size(); i++) {
                    Files.write(tmp.resolve(content.files().get(i).file()), content.bytes().get(i));
                }
                Files.write(tmp.resolve(MANIFEST), Json.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(manifest));
                try {
                    moveIntoPlace(tmp, target);
                } catch (IOException raced) {
                    // Another writer may have finished first: then its snapshot must have the same content.
                    if (!Files.exists(target.resolve(MANIFEST))) {
                        throw raced;
                    }
                    return existing(target, content.hash());
                }
            } finally {
                deleteRecursively(tmp);
            }
            return new DataSnapshot(target, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + content.hash() + " to " + target, e);
        }
    }

    /** The hash {@link #write} would give these seasons, without writing anything. */
    public static String hashOf(Collection<SeasonData> seasons) {
        return Content.of(seasons).hash();
    }

    /** {@code .pitwall/snapshots} under the project root, found by {@link Project#locate()}. */
    public static Path defaultRoot() {
        return Project.locate().snapshotsDir();
    }

    private static DataSnapshot existing(Path target, String hash) throws IOException {
        if (!Files.exists(target)) {
            return null;
        }
        if (Files.exists(target.resolve(MANIFEST))) {
            DataSnapshot there = open(target);
            if (!there.hash().equals(hash)) {
                throw new SnapshotException("cannot write snapshot " + hash + " to " + target
                        + ": it already holds snapshot " + there.hash() + "; choose another directory");
            }
            return there;
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new SnapshotException("cannot write snapshot to " + target
                        + ": the directory is not empty and holds no " + MANIFEST + "; choose another directory");
            }
        }
        Files.delete(target); // empty: replaced atomically below
        return null;
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /** Opens and verifies the snapshot in {@code dir}. */
    public static DataSnapshot open(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        SnapshotManifest manifest = readManifest(d);
        if (manifest.format() != FORMAT) {
            throw new SnapshotException("snapshot " + d + " has format " + manifest.format() + "; this pitwall reads "
                    + "format " + FORMAT);
        }
        for (SnapshotManifest.SeasonFile f : manifest.files()) {
            verifiedBytes(d, f);
        }
        String recomputed = contentHash(manifest.files());
        if (!recomputed.equals(manifest.hash())) {
            throw new SnapshotException("snapshot " + d + ": " + MANIFEST + " says hash " + manifest.hash()
                    + " but its files hash to " + recomputed + "; the manifest was modified");
        }
        String name = d.getFileName() == null ? "" : d.getFileName().toString();
        if (Sha256.isHex(name) && !name.equals(manifest.hash())) {
            throw new SnapshotException("snapshot " + d + " is named after hash " + name + " but holds "
                    + manifest.hash() + "; it was modified or moved");
        }
        List<Integer> fileYears = manifest.files().stream().map(SnapshotManifest.SeasonFile::year).toList();
        if (!fileYears.equals(manifest.years())) {
            throw new SnapshotException("snapshot " + d + ": years " + manifest.years() + " do not match its files "
                    + fileYears);
        }
        return new DataSnapshot(d, manifest);
    }

    /** True when {@code text} is spelled as a snapshot hash: 64 lower-case hex digits. */
    public static boolean isHash(String text) {
        return Sha256.isHex(text);
    }

    /** Opens the snapshot {@code hash} under {@link #defaultRoot()}. */
    public static DataSnapshot open(String hash) {
        if (!Sha256.isHex(hash)) {
            throw new IllegalArgumentException("a snapshot hash is 64 lowercase hex digits, got '" + hash + "'");
        }
        return open(defaultRoot().resolve(hash));
    }

    public String hash() {
        return manifest.hash();
    }

    public Path dir() {
        return dir;
    }

    public SnapshotManifest manifest() {
        return manifest;
    }

    public List<Integer> years() {
        return manifest.years();
    }

    @Override
    public List<SeasonSummary> seasons() {
        return manifest.files().stream().map(SnapshotManifest.SeasonFile::summary).toList();
    }

    /** One season, re-verified against the manifest as it is read. */
    @Override
    public SeasonData season(int year) {
        SnapshotManifest.SeasonFile file = manifest.files().stream().filter(f -> f.year() == year).findFirst()
                .orElseThrow(() -> new NoSuchElementException("snapshot " + hash() + " has no season " + year
                        + "; it holds " + years()));
        byte[] bytes = verifiedBytes(dir, file);
        try {
            SeasonData season = Json.MAPPER.readValue(bytes, SeasonData.class);
            if (season.year() != year) {
                throw new SnapshotException("snapshot " + dir + ": " + file.file() + " holds season " + season.year());
            }
            return season;
        } catch (IOException e) {
            throw new SnapshotException("snapshot " + dir + ": cannot read " + file.file() + ": " + e.getMessage(), e);
        }
    }

    /** Every season of the snapshot, ascending. */
    public List<SeasonData> load() {
        return years().stream().map(this::season).toList();
    }

    /** Frames of every season in the snapshot. */
    public F1Frames frames() {
        List<Integer> years = years();
        boolean contiguous = years.getLast() - years.getFirst() + 1 == years.size();
        return F1Frames.of(contiguous ? FrameLoader.fetch(this, years.getFirst(), years.getLast()) : load());
    }

    @Override
    public String describe() {
        return "snapshot " + hash() + " (" + dir + ")";
    }

    @Override
    public String toString() {
        return "DataSnapshot[" + hash() + ", years " + years().getFirst() + "-" + years().getLast() + ", " + dir
                + "]";
    }

    private static SnapshotManifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file), SnapshotManifest.class);
        } catch (NoSuchFileException e) {
            throw new SnapshotException("not a pitwall snapshot: " + file + " does not exist", e);
        } catch (IOException e) {
            throw new SnapshotException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] verifiedBytes(Path dir, SnapshotManifest.SeasonFile f) {
        Path file = dir.resolve(f.file()).normalize();
        if (!file.getParent().equals(dir)) {
            throw new SnapshotException("snapshot " + dir + ": file name '" + f.file() + "' leaves the directory");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SnapshotException("snapshot " + dir + " is incomplete: " + f.file() + " is missing", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String actual = sha256(bytes);
        if (!actual.equals(f.sha256())) {
            throw new SnapshotException("snapshot " + dir + ": " + f.file() + " has sha256 " + actual
                    + " but the manifest says " + f.sha256() + "; the file was modified after the snapshot was "
                    + "written. Capture a new snapshot instead of editing one.");
        }
        return bytes;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- content --------------------------------------------------------------------------------------------

    /** The canonical bytes of some seasons, their file entries and the content hash. */
    private record Content(List<byte[]> bytes, List<SnapshotManifest.SeasonFile> files, String hash) {

        static Content of(Collection<SeasonData> seasons) {
            if (seasons == null || seasons.isEmpty()) {
                throw new IllegalArgumentException("a snapshot needs at least one season");
            }
            TreeMap<Integer, SeasonData> byYear = new TreeMap<>();
            for (SeasonData s : seasons) {
                if (byYear.put(s.year(), s) != null) {
                    throw new IllegalArgumentException("season " + s.year() + " is given twice");
                }
            }
            List<byte[]> bytes = new ArrayList<>();
            List<SnapshotManifest.SeasonFile> files = new ArrayList<>();
            for (SeasonData season : byYear.values()) {
                SeasonData canonical = season.canonical();
                byte[] b = canonicalBytes(canonical);
                bytes.add(b);
                files.add(new SnapshotManifest.SeasonFile(season.year(), "season-" + season.year() + ".json",
                        sha256(b), b.length, canonical.counts(), canonical.summary()));
            }
            return new Content(bytes, files, contentHash(files));
        }

        List<Integer> years() {
            return files.stream().map(SnapshotManifest.SeasonFile::year).toList();
        }

        Map<String, Long> totals() {
            Map<String, Long> totals = new TreeMap<>();
            files.forEach(f -> f.counts().forEach((k, v) -> totals.merge(k, (long) v, Long::sum)));
            return totals;
        }
    }

    private static byte[] canonicalBytes(SeasonData canonical) {
        try {
            return Json.CANONICAL.writeValueAsBytes(canonical);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write season " + canonical.year() + " as JSON", e);
        }
    }

    private static String contentHash(List<SnapshotManifest.SeasonFile> files) {
        StringBuilder text = new StringBuilder(HASH_HEADER);
        files.stream().sorted(Comparator.comparingInt(SnapshotManifest.SeasonFile::year))
                .forEach(f -> text.append(f.file()).append(' ').append(f.sha256()).append('\n'));
        return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
