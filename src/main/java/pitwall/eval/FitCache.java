package pitwall.eval;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import pitwall.local.Sha256;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;
import pitwall.model.RankingModel;

/**
 * Content-addressed store of walk-forward folds: what one (variant, step) fit predicted, so that a rerun refits only
 * what changed. An entry is a file {@code <sha256 of its key>.fit} in one directory; its key (see {@link
 * WalkForward}) covers the code version, the rows the fit saw and predicted, the feature set, the variant and all
 * its params, and the step, so a hit is exactly what fitting again would give.
 *
 * <p>Safe without locks: an entry is written to a temp file beside it and moved into place atomically, so readers see
 * a whole entry or none and two writers of one key leave one whole entry. Each entry ends with a SHA-256 of its bytes
 * and repeats its key: a truncated, corrupt or foreign entry is a miss and is removed, never an error. Writing
 * failures (disk full, read-only) cost only the caching. Bounded: {@link #trim()} removes temp files left by a crash,
 * entries unused for {@code maxAge}, then the least recently used entries until the total fits {@code maxBytes}
 * (a hit marks an entry used).
 */
public final class FitCache {

    /** 512 MiB: a season fold of a 20-car grid takes about 30 KB, so this holds thousands of folds. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
    /** A temp file older than this is a crashed write (a live one lasts milliseconds). */
    static final Duration STALE_TEMP = Duration.ofMinutes(10);
    static final String SUFFIX = ".fit";
    static final String TEMP_SUFFIX = ".tmp";
    private static final int MAGIC = 0x50574643; // "PWFC"
    private static final int FORMAT = 1;
    /** An entry holding a fitted model (Java serialization, as bundles use) rather than a fold. */
    private static final int FORMAT_MODEL = 2;
    private static final int DIGEST_BYTES = 32;

    /** A cache that never hits and stores nothing. */
    public static final FitCache NONE = new FitCache(null, 0, Duration.ZERO);

    /** What one fold produced: its fit record and one prediction per test race, in test order. */
    public record Entry(Fit fit, List<RacePrediction> predictions) {
        public Entry {
            Objects.requireNonNull(fit, "fit");
            predictions = List.copyOf(predictions);
        }
    }

    /**
     * Counters since the cache was opened.
     *
     * @param hits      folds served from the cache
     * @param misses    folds looked up and not found (fitted by the caller)
     * @param discarded entries found broken and removed
     * @param stored    entries written
     */
    public record Stats(int hits, int misses, int discarded, int stored) {
    }

    /** What {@link #trim()} left and removed. */
    public record Trim(int entries, long bytes, int evicted, int staleTemps) {
    }

    private final Path dir;
    private final long maxBytes;
    private final Duration maxAge;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final AtomicInteger discarded = new AtomicInteger();
    private final AtomicInteger stored = new AtomicInteger();
    private final AtomicLong sinceTrim = new AtomicLong();

    private FitCache(Path dir, long maxBytes, Duration maxAge) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
    }

    /** The cache in {@code dir} with the default bounds; created if missing, trimmed now. */
    public static FitCache open(Path dir) {
        return open(dir, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE);
    }

    /** The cache in {@code dir} holding at most {@code maxBytes}, entries unused for {@code maxAge} expire. */
    public static FitCache open(Path dir, long maxBytes, Duration maxAge) {
        if (maxBytes < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("cache bounds must not be negative: " + maxBytes + " bytes, " + maxAge);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the fit cache " + dir + ": " + e.getMessage()
                    + " (run with --no-cache to do without)", e);
        }
        FitCache cache = new FitCache(dir.toAbsolutePath().normalize(), maxBytes, maxAge);
        cache.trim();
        return cache;
    }

    public boolean enabled() {
        return dir != null;
    }

    public Optional<Path> dir() {
        return Optional.ofNullable(dir);
    }

    public Stats stats() {
        return new Stats(hits.get(), misses.get(), discarded.get(), stored.get());
    }

    /** The file of the entry with this key. */
    Path file(String key) {
        return dir.resolve(Sha256.hex(key.getBytes(StandardCharsets.UTF_8)) + SUFFIX);
    }

    /** The entry stored under {@code key}; empty when there is none or it is broken (then it is removed). */
    public Optional<Entry> get(String key) {
        if (dir == null) {
            return Optional.empty();
        }
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            misses.incrementAndGet();
            return Optional.empty(); // missing, or unreadable now (permissions, I/O): fit instead
        }
        Optional<Entry> entry = decode(bytes, key);
        if (entry.isEmpty()) {
            discarded.incrementAndGet();
            misses.incrementAndGet();
            deleteQuietly(file);
            return entry;
        }
        hits.incrementAndGet();
        touch(file);
        return entry;
    }

    /** Marks an entry used now: the least recently used go first. */
    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a concurrent trim removed it, or the file is read-only: the entry was still good
        }
    }

    /**
     * The model {@code fit} returns, fitted once per key: a later call with the same key deserializes it. Models that
     * are not {@link Serializable} are fitted every time; so are all when {@code key} is null (not cacheable).
     */
    public RankingModel fitted(String key, Supplier<RankingModel> fit) {
        if (dir == null || key == null) {
            return fit.get();
        }
        String modelKey = "model\n" + key;
        Optional<byte[]> stored = read(modelKey);
        if (stored.isPresent()) {
            byte[] body = stored.get();
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
                if (in.readInt() == MAGIC && in.readInt() == FORMAT_MODEL && readString(in).equals(modelKey)
                        && new ObjectInputStream(in).readObject() instanceof RankingModel model) {
                    hits.incrementAndGet();
                    touch(file(modelKey));
                    return model;
                }
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                // written by other code, or damaged past the checksum's reach: fit again
            }
            discarded.incrementAndGet();
            deleteQuietly(file(modelKey));
        }
        misses.incrementAndGet();
        RankingModel model = fit.get();
        if (model instanceof Serializable) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buffer)) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT_MODEL);
                writeString(out, modelKey);
                try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
                    objects.writeObject(model);
                }
            } catch (IOException | RuntimeException e) {
                return model; // a part of the model does not serialize: only the caching is lost
            }
            write(modelKey, withDigest(buffer.toByteArray()));
        }
        return model;
    }

    /** Stores {@code entry} under {@code key}, replacing any entry there; failures only lose the caching. */
    public void put(String key, Entry entry) {
        if (dir == null) {
            return;
        }
        write(key, encode(key, entry));
    }

    private void write(String key, byte[] bytes) {
        Path file = file(key);
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, file.getFileName().toString() + ".", TEMP_SUFFIX);
            Files.write(temp, bytes);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                return; // never expose a half-written entry: go without caching on such a file system
            }
            temp = null;
            stored.incrementAndGet();
        } catch (IOException e) {
            return; // disk full, directory removed: the fold was fitted, only its caching is lost
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
        if (sinceTrim.addAndGet(bytes.length) > maxBytes / 8) {
            trim(); // keeps the bound within a long run too
        }
    }

    /**
     * Removes crashed writes' temp files, entries unused for {@code maxAge}, then the least recently used entries
     * until the rest fits {@code maxBytes}. Safe while other processes use the cache: a removed entry is a miss.
     */
    public Trim trim() {
        if (dir == null) {
            return new Trim(0, 0, 0, 0);
        }
        sinceTrim.set(0);
        record Found(Path path, long size, FileTime used) {
        }
        List<Found> entries = new ArrayList<>();
        int staleTemps = 0;
        Instant now = Instant.now();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path path : files) {
                String name = path.getFileName().toString();
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(path, BasicFileAttributes.class);
                } catch (IOException e) {
                    continue; // removed meanwhile
                }
                if (name.endsWith(TEMP_SUFFIX)) {
                    if (attributes.lastModifiedTime().toInstant().isBefore(now.minus(STALE_TEMP))) {
                        staleTemps += deleteQuietly(path) ? 1 : 0;
                    }
                } else if (name.endsWith(SUFFIX) && attributes.isRegularFile()) {
                    entries.add(new Found(path, attributes.size(), attributes.lastModifiedTime()));
                }
            }
        } catch (IOException e) {
            return new Trim(0, 0, 0, staleTemps); // the directory is gone or unreadable: nothing to bound
        }
        entries.sort(Comparator.comparing(Found::used));
        long total = entries.stream().mapToLong(Found::size).sum();
        int evicted = 0;
        Instant expired = now.minus(maxAge);
        for (Found found : entries) {
            if (total <= maxBytes && !found.used().toInstant().isBefore(expired)) {
                break; // sorted oldest first: the rest are newer and fit
            }
            if (deleteQuietly(found.path())) {
                evicted++;
            }
            total -= found.size();
        }
        return new Trim(entries.size() - evicted, total, evicted, staleTemps);
    }

    private static boolean deleteQuietly(Path path) {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            return false;
        }
    }

    static byte[] encode(String key, Entry entry) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096 + entry.predictions().size() * 2048);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            writeString(out, key);
            Fit fit = entry.fit();
            writeString(out, fit.variant());
            writeString(out, fit.unit());
            out.writeInt(fit.trainingRaces());
            out.writeInt(fit.trainingRows());
            writeString(out, fit.lastTrainingStart() == null ? "" : fit.lastTrainingStart().toString());
            writeString(out, fit.firstTestStart().toString());
            out.writeInt(fit.predictedRaces());
            out.writeLong(fit.fitTime().toNanos());
            out.writeInt(entry.predictions().size());
            for (RacePrediction prediction : entry.predictions()) {
                out.writeInt(prediction.raceId());
                writeString(out, prediction.model());
                out.writeInt(prediction.entrants().size());
                for (PredictedEntrant e : prediction.entrants()) {
                    out.writeInt(e.driverId());
                    out.writeInt(e.constructorId());
                    out.writeInt(e.predictedPosition());
                    // raw bits: the very doubles come back, NaN payloads included
                    for (double value : new double[] {e.score(), e.winProb(), e.podiumProb(), e.dnfProb(),
                            e.intervalLow(), e.intervalHigh()}) {
                        out.writeLong(Double.doubleToRawLongBits(value));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return withDigest(buffer.toByteArray());
    }

    private static byte[] withDigest(byte[] body) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(body);
        byte[] sum = digest.digest();
        byte[] all = Arrays.copyOf(body, body.length + DIGEST_BYTES);
        System.arraycopy(sum, 0, all, body.length, DIGEST_BYTES);
        return all;
    }

    /** The body of the whole file of {@code key} (checksum verified); empty when missing, or broken and removed. */
    private Optional<byte[]> read(String key) {
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.empty(); // missing, or unreadable now: fit instead
        }
        Optional<byte[]> body = verified(bytes);
        if (body.isEmpty()) {
            discarded.incrementAndGet();
            deleteQuietly(file);
        }
        return body;
    }

    /** The bytes before the trailing SHA-256 when it matches them. */
    private static Optional<byte[]> verified(byte[] bytes) {
        if (bytes.length < 8 + DIGEST_BYTES) {
            return Optional.empty();
        }
        int bodyLength = bytes.length - DIGEST_BYTES;
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes, 0, bodyLength);
        if (!MessageDigest.isEqual(digest.digest(), Arrays.copyOfRange(bytes, bodyLength, bytes.length))) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOf(bytes, bodyLength));
    }

    /** The entry in {@code bytes} if they are whole, of this format and of {@code key}. */
    static Optional<Entry> decode(byte[] bytes, String key) {
        Optional<byte[]> body = verified(bytes);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body.get()))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT || !readString(in).equals(key)) {
                return Optional.empty();
            }
            String variant = readString(in);
            String unit = readString(in);
            int trainingRaces = in.readInt();
            int trainingRows = in.readInt();
            String last = readString(in);
            LocalDateTime firstTest = LocalDateTime.parse(readString(in));
            int predictedRaces = in.readInt();
            Duration fitTime = Duration.ofNanos(in.readLong());
            Fit fit = new Fit(variant, unit, trainingRaces, trainingRows, last.isEmpty() ? null
                    : LocalDateTime.parse(last), firstTest, predictedRaces, fitTime);
            int races = in.readInt();
            List<RacePrediction> predictions = new ArrayList<>(races);
            for (int r = 0; r < races; r++) {
                int raceId = in.readInt();
                String model = readString(in);
                int n = in.readInt();
                List<PredictedEntrant> entrants = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    entrants.add(new PredictedEntrant(in.readInt(), in.readInt(), in.readInt(), readDouble(in),
                            readDouble(in), readDouble(in), readDouble(in), readDouble(in), readDouble(in)));
                }
                predictions.add(new RacePrediction(raceId, model, entrants));
            }
            if (in.available() != 0) {
                return Optional.empty();
            }
            return Optional.of(new Entry(fit, predictions));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a digest collision or a writer of another format: not ours to trust
        }
    }

    private static double readDouble(DataInputStream in) throws IOException {
        return Double.longBitsToDouble(in.readLong());
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("string of " + length + " bytes past the entry's end");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
