package pitwall.export;

import pitwall.experiment.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureCatalogue;
import pitwall.features.FeatureSet;
import pitwall.model.RacePrediction;
import pitwall.model.RankingModel;

/**
 * An exported model loaded back: its manifest, the deserialised model and the feature set it reads. {@link #load}
 * refuses a bundle that is unsigned or wrongly signed while a verification key is set, whose files do not match
 * their sha256 or are oversized, whose Smile major version differs from this build's, whose feature set this build
 * computes differently, or whose model stream breaks the rules of {@link ModelStream} (a class outside the
 * exact allow-list, or a size, depth, reference or array limit).
 */
public record ModelBundle(Path dir, BundleManifest manifest, RankingModel model, FeatureSet featureSet) {

    public static final String MODEL_FILE = "model.bin";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String README_FILE = "README.md";
    public static final String SUMS_FILE = "SHA256SUMS";

    /** Limit of manifest.json, README.md, SHA256SUMS and its signature (a real manifest is about 10 KB). */
    static final long MAX_TEXT_BYTES = 1024 * 1024;

    public String version() {
        return manifest.version();
    }

    public String name() {
        return manifest.name();
    }

    /**
     * Whether this bundle's DNF probability is served: its export found it beating the base rate (bundles from
     * before the gate, without a verdict, serve it as they always did).
     */
    public boolean servesDnf() {
        return manifest.evaluation() == null || manifest.evaluation().dnf() == null
                || manifest.evaluation().dnf().served();
    }

    /** Why the DNF probability is withheld, e.g. "not served: does not beat the base rate (…)"; null when served. */
    public String dnfWithheld() {
        return servesDnf() ? null : manifest.evaluation().dnf().verdict();
    }

    /** True when the model reads the race's own qualifying or grid. */
    public boolean postQualifying() {
        return featureSet.names().stream().anyMatch(FeatureCatalogue::isPostQualifying);
    }

    public RacePrediction predict(List<EntrantRow> race) {
        return model.predict(race);
    }

    /**
     * Loads and verifies the bundle in {@code dir}, with the verification key of {@value
     * BundleSignature#VERIFY_ENV} when it is set (then only bundles signed with its key load); every refusal says
     * which file or version failed and why.
     */
    public static ModelBundle load(Path dir) {
        return load(dir, BundleSignature.verifierFromEnv(System.getenv()).orElse(null));
    }

    /** As {@link #load(Path)} with the given verification key; null loads unsigned bundles too. */
    public static ModelBundle load(Path dir, BundleSignature.Verifier verifier) {
        if (!Files.isDirectory(dir)) {
            throw new BundleException("model bundle " + dir + " is not a directory (bundles are written by "
                    + "`pitwall model export` to models/<name>/<version>)");
        }
        byte[] sumsFile = read(dir, SUMS_FILE, MAX_TEXT_BYTES);
        if (verifier != null) { // before anything the signature vouches for is parsed
            BundleSignature.check(verifier, sumsFile,
                    Files.exists(dir.resolve(BundleSignature.SIGNATURE_FILE))
                            ? read(dir, BundleSignature.SIGNATURE_FILE, MAX_TEXT_BYTES) : null, dir.toString());
        }
        Map<String, String> sums = Checksums.parse(sumsFile, dir.resolve(SUMS_FILE).toString());
        for (String required : List.of(MANIFEST_FILE, MODEL_FILE)) {
            if (!sums.containsKey(required)) {
                throw new BundleException("model bundle " + dir + ": " + SUMS_FILE + " does not list " + required);
            }
        }
        Map<String, byte[]> files = new HashMap<>();
        for (Map.Entry<String, String> e : sums.entrySet()) {
            if (e.getKey().contains("/") || e.getKey().contains("\\") || e.getKey().startsWith(".")) {
                throw new BundleException("model bundle " + dir + ": " + SUMS_FILE + " names '" + e.getKey()
                        + "', which is not a file of the bundle directory");
            }
            byte[] bytes = read(dir, e.getKey(), e.getKey().equals(MODEL_FILE) ? ModelStream.LIMITS.bytes()
                    : MAX_TEXT_BYTES);
            String actual = Checksums.sha256(bytes);
            if (!actual.equals(e.getValue())) {
                throw new BundleException("model bundle " + dir + " was modified: " + e.getKey() + " has sha256 "
                        + actual + ", " + SUMS_FILE + " says " + e.getValue() + "; re-export it with "
                        + "`pitwall model export`");
            }
            files.put(e.getKey(), bytes); // checked bytes: the files are not read twice, so cannot change between
        }
        // The model is deserialised while the manifest is parsed and checked: both read bytes already checked
        // against SHA256SUMS, and each is a sixth of the predictor's cold start. The manifest's checks still decide
        // first, so a bundle of another Smile version or feature set is refused with their message.
        FutureTask<RankingModel> model = new FutureTask<>(() -> deserialize(files.get(MODEL_FILE),
                dir.resolve(MODEL_FILE).toString()));
        Thread.ofPlatform().name("pitwall-model-load").daemon().start(model);
        BundleManifest manifest = BundleManifest.parse(new String(files.get(MANIFEST_FILE), StandardCharsets.UTF_8),
                dir.resolve(MANIFEST_FILE).toString());
        if (manifest.format() != BundleManifest.FORMAT) {
            throw new BundleException("model bundle " + dir + " has format " + manifest.format() + "; this build "
                    + "reads format " + BundleManifest.FORMAT);
        }
        manifest.files().forEach((file, sum) -> {
            if (!sum.equals(sums.get(file))) {
                throw new BundleException("model bundle " + dir + ": the manifest's sha256 of " + file + " (" + sum
                        + ") does not match " + SUMS_FILE + " (" + sums.get(file) + ")");
            }
        });
        checkLibraries(dir, manifest);
        FeatureSet set = checkFeatures(dir, manifest);
        return new ModelBundle(dir, manifest, join(model, dir), set);
    }

    /** The deserialised model, or what its reading threw. */
    private static RankingModel join(FutureTask<RankingModel> model, Path dir) {
        try {
            return model.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new BundleException("cannot read the model in " + dir.resolve(MODEL_FILE) + ": "
                        + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while reading the model in " + dir.resolve(MODEL_FILE), e);
        }
    }

    /** Smile's saved models are only compatible within a major version. */
    private static void checkLibraries(Path dir, BundleManifest manifest) {
        String saved = manifest.provenance().libraries().getOrDefault("smile", "unknown");
        String running = Provenance.smileVersion();
        if (saved.equals("unknown") || running.equals("unknown")) {
            throw new BundleException("model bundle " + dir + ": cannot compare Smile versions (bundle: " + saved
                    + ", this build: " + running + "); re-export the model with this build");
        }
        if (!major(saved).equals(major(running))) {
            throw new BundleException("model bundle " + dir + " was saved with Smile " + saved + ", this build runs "
                    + "Smile " + running + "; Smile models only load within one major version: re-export the "
                    + "model with this build (`pitwall model export`)");
        }
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    private static FeatureSet checkFeatures(Path dir, BundleManifest manifest) {
        String setName = manifest.featureSet().name();
        FeatureSet set;
        try {
            set = FeatureCatalogue.set(setName);
        } catch (RuntimeException e) {
            throw new BundleException("model bundle " + dir + " reads feature set '" + setName
                    + "', which this build does not have: " + e.getMessage(), e);
        }
        List<String> expected = manifest.featureSet().names();
        if (!set.names().equals(expected)) {
            throw new BundleException("model bundle " + dir + " was trained on feature set " + setName + " "
                    + expected + ", but this build computes " + set.names() + "; re-export the model with this build");
        }
        return set;
    }

    /** Deserialises a model through a {@link ModelStream}. */
    static RankingModel deserialize(byte[] bytes, String origin) {
        ModelStream in = null;
        try {
            in = new ModelStream(bytes, ModelStream.LIMITS);
            Object read = in.readObject();
            if (!(read instanceof RankingModel model)) {
                throw new BundleException(origin + " holds a " + read.getClass().getName() + ", not a model");
            }
            return model;
        } catch (IOException | ClassNotFoundException | RuntimeException | StackOverflowError e) {
            if (e instanceof BundleException bundle) {
                throw bundle;
            }
            if (in != null && in.refusal() != null) {
                throw new BundleException(origin + " was refused: " + in.refusal() + " (a model of another "
                        + "build, or one with params far above the defaults, ends here too: re-export it)", e);
            }
            throw new BundleException("cannot read the model in " + origin + ": " + e, e);
        }
    }

    /** A file of the bundle, refused when it is not a regular file or is over {@code limit} bytes. */
    private static byte[] read(Path dir, String file, long limit) {
        Path path = dir.resolve(file);
        if (!Files.exists(path)) {
            throw new BundleException("model bundle " + dir + " lacks " + file + "; re-export it with "
                    + "`pitwall model export`");
        }
        if (!Files.isRegularFile(path)) { // a pipe or device would block or never end
            throw new BundleException("model bundle " + dir + ": " + file + " is not a regular file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new BundleException("model bundle " + dir + ": " + file + " is over the limit of " + limit
                        + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new BundleException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
