package pitwall.export;

import java.io.ByteArrayInputStream;
import pitwall.experiment.Provenance;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureCatalogue;
import pitwall.features.FeatureSet;
import pitwall.model.RacePrediction;
import pitwall.model.RankingModel;

/**
 * An exported model loaded back: its manifest, the deserialised model and the feature set it reads. {@link #load}
 * refuses a bundle whose files do not match their sha256, whose Smile major version differs from this build's,
 * whose feature set this build computes differently, or whose model stream holds a class outside the allow-list.
 */
public record ModelBundle(Path dir, BundleManifest manifest, RankingModel model, FeatureSet featureSet) {

    public static final String MODEL_FILE = "model.bin";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String README_FILE = "README.md";
    public static final String SUMS_FILE = "SHA256SUMS";

    /** Limits of the model stream: generous for a few hundred trees, far below anything that exhausts memory. */
    static final long MAX_STREAM_BYTES = 512L * 1024 * 1024;
    static final long MAX_DEPTH = 1_000;
    static final long MAX_REFERENCES = 50_000_000;
    static final long MAX_ARRAY = 100_000_000;

    /**
     * Classes a model stream may hold: pitwall's models, Smile's, and the JDK's own {@code java.base} (collections,
     * boxed numbers, arrays). Anything else is rejected before it is instantiated.
     */
    public static final ObjectInputFilter FILTER = info -> {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.streamBytes() > MAX_STREAM_BYTES
                || info.arrayLength() > MAX_ARRAY) {
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        String name = type.getName();
        if (type.isPrimitive() || name.startsWith("pitwall.model.") || name.startsWith("smile.")
                || type.getModule() == Object.class.getModule()) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        return ObjectInputFilter.Status.REJECTED;
    };

    public String version() {
        return manifest.version();
    }

    public String name() {
        return manifest.name();
    }

    /** True when the model reads the race's own qualifying or grid. */
    public boolean postQualifying() {
        return featureSet.names().stream().anyMatch(FeatureCatalogue::isPostQualifying);
    }

    public RacePrediction predict(List<EntrantRow> race) {
        return model.predict(race);
    }

    /** Loads and verifies the bundle in {@code dir}; every refusal says which file or version failed and why. */
    public static ModelBundle load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BundleException("model bundle " + dir + " is not a directory (bundles are written by "
                    + "`pitwall model export` to models/<name>/<version>)");
        }
        Map<String, String> sums = Checksums.parse(read(dir, SUMS_FILE), dir.resolve(SUMS_FILE).toString());
        for (String required : List.of(MANIFEST_FILE, MODEL_FILE)) {
            if (!sums.containsKey(required)) {
                throw new BundleException("model bundle " + dir + ": " + SUMS_FILE + " does not list " + required);
            }
        }
        for (Map.Entry<String, String> e : sums.entrySet()) {
            if (e.getKey().contains("/") || e.getKey().contains("\\") || e.getKey().startsWith(".")) {
                throw new BundleException("model bundle " + dir + ": " + SUMS_FILE + " names '" + e.getKey()
                        + "', which is not a file of the bundle directory");
            }
            String actual = Checksums.sha256(read(dir, e.getKey()));
            if (!actual.equals(e.getValue())) {
                throw new BundleException("model bundle " + dir + " was modified: " + e.getKey() + " has sha256 "
                        + actual + ", " + SUMS_FILE + " says " + e.getValue() + "; re-export it with "
                        + "`pitwall model export`");
            }
        }
        BundleManifest manifest = BundleManifest.parse(new String(read(dir, MANIFEST_FILE), StandardCharsets.UTF_8),
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
        RankingModel model = deserialize(read(dir, MODEL_FILE), dir.resolve(MODEL_FILE).toString());
        return new ModelBundle(dir, manifest, model, set);
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

    /** Deserialises a model through {@link #FILTER}. */
    static RankingModel deserialize(byte[] bytes, String origin) {
        String[] rejected = {null};
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = FILTER.checkInput(info);
                if (status == ObjectInputFilter.Status.REJECTED && rejected[0] == null) {
                    rejected[0] = info.serialClass() == null ? "a stream over the size, depth or reference limits"
                            : "class " + info.serialClass().getName();
                }
                return status;
            });
            Object read = in.readObject();
            if (!(read instanceof RankingModel model)) {
                throw new BundleException(origin + " holds a " + read.getClass().getName() + ", not a model");
            }
            return model;
        } catch (InvalidClassException e) {
            throw new BundleException(origin + " was refused: " + (rejected[0] != null
                    ? rejected[0] + " is not allowed in a model file" : e.getMessage()) + " (only pitwall.model, smile and "
                    + "java.base classes may be in a model file; a class that changed since the export also ends "
                    + "here: re-export the model)", e);
        } catch (IOException | ClassNotFoundException e) {
            throw new BundleException("cannot read the model in " + origin + ": " + e, e);
        }
    }

    private static byte[] read(Path dir, String file) {
        try {
            return Files.readAllBytes(dir.resolve(file));
        } catch (NoSuchFileException e) {
            throw new BundleException("model bundle " + dir + " lacks " + file + "; re-export it with "
                    + "`pitwall model export`");
        } catch (IOException e) {
            throw new BundleException("cannot read " + dir.resolve(file) + ": " + e.getMessage(), e);
        }
    }
}
