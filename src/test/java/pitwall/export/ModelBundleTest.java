package pitwall.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.experiment.ExperimentSpec;
import pitwall.features.AsOfFeatures;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureMatrix;
import pitwall.model.ModelCatalog;
import pitwall.model.RacePrediction;
import pitwall.model.RankingModel;

/** Export of a recorded run, load with verification, and every refusal. */
class ModelBundleTest {

    /** Not among the classes real models hold: the filter must refuse it. */
    record Foreign(String payload) implements Serializable {
    }

    @Test
    void exportsTheBestLearnedVariantAndLoadsItBackPredictingIdentically() {
        TestBundles.Fixture f = TestBundles.shared();
        ModelBundle bundle = f.bundle();
        BundleManifest m = bundle.manifest();

        // The best learned variant by Spearman from the child runs, never the baseline.
        String expected = f.run().comparison().bestModel().orElseThrow().name();
        assertEquals(expected, m.model().variant());
        assertEquals(expected, m.evaluation().exported());
        assertEquals(f.run().runId(), m.tracking().runId());
        assertEquals(f.run().snapshotHash(), m.training().dataSnapshot());
        assertEquals(2019, m.training().trainFrom());
        assertEquals(2016, m.training().historyFromYear());
        assertEquals(f.spec().features().names(), m.featureSet().names());
        assertEquals("serve-test", bundle.name());
        assertEquals(f.models().resolve("serve-test").resolve(bundle.version()), bundle.dir());
        assertEquals(3, m.evaluation().variants().size());
        assertEquals(f.run().backtest().variant("grid").summary().spearman(),
                m.evaluation().variants().getFirst().metrics().get("spearman"), 0.0);
        assertTrue(m.provenance().libraries().get("smile").startsWith("6."), m.provenance().libraries().toString());
        String readme = read(bundle.dir().resolve("README.md"));
        assertTrue(readme.contains("| grid | baseline |") && readme.contains("## Limitations"), readme);
        // The DNF gate reads the exported variant's test-range figures from its run.
        var exportedRun = f.store().getRun(f.run().variantRunIds().get(expected));
        double dnfLogLoss = exportedRun.metric("dnfLogLoss").orElseThrow();
        double dnfBase = exportedRun.metric("dnfBaseLogLoss").orElseThrow();
        assertEquals(f.run().backtest().variant(expected).summary().dnfLogLoss(), dnfLogLoss, 0.0);
        assertEquals(dnfLogLoss, m.evaluation().dnf().logLoss(), 0.0);
        assertEquals(dnfBase, m.evaluation().dnf().baseLogLoss(), 0.0);
        assertEquals(dnfLogLoss < dnfBase, m.evaluation().dnf().served());
        assertEquals(dnfLogLoss < dnfBase, bundle.servesDnf());
        assertTrue(readme.contains("DNF probability: " + m.evaluation().dnf().verdict()), readme);
        assertTrue(exportedRun.metric("winEce").isPresent() && exportedRun.metric("podiumEce").isPresent());
        // The card pairs the exported variant with the best baseline race by race, as the run itself printed it.
        assertEquals(f.run().pairedOnTest().orElseThrow().toText(), m.evaluation().againstBaseline());
        assertTrue(readme.contains("Race by race on the test range: " + expected + " against grid, paired over"),
                readme);

        // Same predictions as the variant refitted here on the same races.
        ExperimentSpec.VariantSpec vs = f.spec().variants().stream().filter(v -> v.name().equals(expected))
                .findFirst().orElseThrow();
        FeatureMatrix matrix = AsOfFeatures.compute(f.seasons(), f.spec().features(), 2016, 2025);
        List<EntrantRow> training = matrix.rows().stream().filter(EntrantRow::hasOutcome)
                .filter(r -> r.year() >= 2019).toList();
        RankingModel fresh = ModelCatalog.create(vs.kind(), f.spec().withSeed(vs.params()))
                .fit(f.spec().features(), training);
        // The card's global explanation: every feature's mean |contribution| over the training races, largest first,
        // as the same fit computes it.
        var summary = fresh.contributions(training).getFirst();
        assertEquals(training.size(), summary.rows());
        assertEquals(java.util.Set.copyOf(f.spec().features().names()), summary.meanAbs().keySet());
        String first = summary.meanAbs().keySet().iterator().next();
        assertTrue(readme.contains("## What moves the score") && readme.contains("| " + first + " | "
                + String.format(java.util.Locale.ROOT, "%.4f", summary.meanAbs().get(first)) + " |"), readme);
        assertTrue(readme.indexOf("| " + first + " | ") < readme.indexOf("| "
                + List.copyOf(summary.meanAbs().keySet()).getLast() + " | "), "largest first");
        ModelBundle loaded = ModelBundle.load(bundle.dir());
        int compared = 0;
        for (List<EntrantRow> race : matrix.races()) {
            if (race.getFirst().year() == 2025) {
                RacePrediction a = fresh.predict(race);
                RacePrediction b = loaded.predict(race);
                assertEquals(a, b, "race " + race.getFirst().raceId());
                compared++;
            }
        }
        assertTrue(compared >= 18, "2025 races compared: " + compared);

        // The local store holds a copy among the run's artifacts.
        byte[] copied = f.store().readArtifact(f.run().runId(), "model/" + f.bundle().version() + "/model.bin");
        assertEquals(Checksums.sha256(copied), m.files().get("model.bin"));
    }

    @Test
    void exportsByVariantNameAndBySpecFile(@TempDir Path tmp) throws Exception {
        TestBundles.Fixture f = TestBundles.shared();
        ModelExporter exporter = new ModelExporter(f.store(), pitwall.local.Project.locate().root(), f.snapshots(),
                tmp.resolve("models"), TestBundles::worker);
        ModelExporter.Exported grid = exporter.export(f.run().runId(), "grid");
        assertEquals("grid", grid.bundle().manifest().model().variant());

        Path spec = tmp.resolve("serve-test.json");
        Files.writeString(spec, TestBundles.SPEC);
        Thread.sleep(1100); // versions are per second
        ModelExporter.Exported latest = exporter.export(spec.toString(), null);
        assertEquals(f.run().runId(), latest.runId());
        assertEquals(f.bundle().manifest().model().variant(), latest.bundle().manifest().model().variant());

        BundleException unknown = assertThrows(BundleException.class,
                () -> exporter.export(f.run().runId(), "nope"));
        assertTrue(unknown.getMessage().contains("no variant 'nope'") && unknown.getMessage().contains("rf"),
                unknown.getMessage());
        String child = f.run().variantRunIds().get("grid");
        BundleException notParent = assertThrows(BundleException.class, () -> exporter.export(child, null));
        assertTrue(notParent.getMessage().contains("export that one"), notParent.getMessage());
    }

    @Test
    void refusesATamperedModelFile(@TempDir Path tmp) throws Exception {
        Path dir = TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("b"));
        byte[] model = Files.readAllBytes(dir.resolve("model.bin"));
        model[model.length / 2] ^= 1;
        Files.write(dir.resolve("model.bin"), model);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("was modified: model.bin"), e.getMessage());
    }

    @Test
    void refusesATamperedManifest(@TempDir Path tmp) throws Exception {
        Path dir = TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("b"));
        Files.writeString(dir.resolve("manifest.json"),
                read(dir.resolve("manifest.json")).replace("\"trainFrom\" : 2019", "\"trainFrom\" : 2010"));
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("was modified: manifest.json"), e.getMessage());

        Files.delete(dir.resolve("SHA256SUMS"));
        BundleException missing = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertTrue(missing.getMessage().contains("lacks SHA256SUMS"), missing.getMessage());
    }

    @Test
    void refusesAnotherSmileMajorVersionAndAnotherFeatureOrder(@TempDir Path tmp) throws Exception {
        Path dir = TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("smile"));
        String manifest = read(dir.resolve("manifest.json"));
        String smile = TestBundles.shared().bundle().manifest().provenance().libraries().get("smile");
        rewrite(dir, "manifest.json", manifest.replace("\"smile\" : \"" + smile + "\"", "\"smile\" : \"5.1.0\""));
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("Smile 5.1.0") && e.getMessage().contains("re-export"), e.getMessage());

        Path other = TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("features"));
        String m2 = read(other.resolve("manifest.json"));
        int a = m2.indexOf("\"name\" : \"starts\"");
        int b = m2.indexOf("\"name\" : \"lastFinish\"");
        assertTrue(a > 0 && b > a);
        String swapped = m2.substring(0, a) + "\"name\" : \"lastFinish\"" + m2.substring(a + 17, b)
                + "\"name\" : \"starts\"" + m2.substring(b + 21);
        rewrite(other, "manifest.json", swapped);
        BundleException f = assertThrows(BundleException.class, () -> ModelBundle.load(other));
        assertTrue(f.getMessage().contains("this build computes"), f.getMessage());
    }

    @Test
    void refusesClassesOutsideTheAllowListNamingThem(@TempDir Path tmp) throws Exception {
        Path dir = TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("b"));
        rewriteModel(dir, new Foreign("gadget"));
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("class " + Foreign.class.getName() + " is not allowed"), e.getMessage());

        // java.base is not allowed wholesale: only the JDK classes real models hold.
        rewriteModel(dir, new java.util.TreeMap<>(Map.of("a", 1)));
        BundleException jdk = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertTrue(jdk.getMessage().contains("class java.util.TreeMap is not allowed"), jdk.getMessage());

        rewriteModel(dir, new ArrayList<>(List.of(1, 2)));
        BundleException notModel = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertTrue(notModel.getMessage().contains("holds a java.util.ArrayList, not a model"), notModel.getMessage());
    }

    @Test
    void refusesANestedHashSetBombInUnderASecond(@TempDir Path tmp) throws Exception {
        Path dir = TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("b"));
        byte[] bomb = rewriteModel(dir, hashSetBomb(40));
        assertTrue(bomb.length > 1500 && bomb.length < 4000, bomb.length + " bytes");
        long start = System.nanoTime();
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1000, millis + " ms");
        assertTrue(e.getMessage().contains("class java.util.HashSet is not allowed"), e.getMessage());
    }

    @Test
    void refusesABombOfAllowedClassesBeforeItIsHashed(@TempDir Path tmp) throws Exception {
        // ArrayList and HashMap are allowed (Smile's models hold them): lists sharing both children at 60 levels,
        // nested shallowly, then one of them as a HashMap key. Hashing it would take 2^60 steps.
        List<Object> x = new ArrayList<>(List.of("x"));
        List<Object> y = new ArrayList<>();
        List<Object> levels = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<Object> nx = new ArrayList<>(List.of(x, y));
            List<Object> ny = new ArrayList<>(List.of(y, x, "y"));
            levels.add(new ArrayList<>(List.of(nx, ny)));
            x = nx;
            y = ny;
        }
        List<Object> key = new ArrayList<>();
        java.util.HashMap<Object, Object> map = new java.util.HashMap<>();
        map.put(key, 1);
        key.add(x); // after the put, so building the bomb hashes nothing
        Path dir = TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("b"));
        rewriteModel(dir, new ArrayList<>(List.of(levels, map)));
        long start = System.nanoTime();
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1000, millis + " ms");
        assertTrue(e.getMessage().contains("unfolds to more than"), e.getMessage());

        // Nested deep instead of shallow: the depth limit.
        rewriteModel(dir, new ArrayList<>(List.of(chain((int) ModelStream.LIMITS.depth() + 5))));
        BundleException deep = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertTrue(deep.getMessage().contains("nest deeper than the limit of " + ModelStream.LIMITS.depth()),
                deep.getMessage());

        // A huge array is refused on its length, before it is allocated.
        rewriteModel(dir, new double[1_000_000][]);
        BundleException wide = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertTrue(wide.getMessage().contains("an array of 1000000 elements is over the limit"), wide.getMessage());
    }

    @Test
    void refusesAFileThatIsNotRegularOrOversized(@TempDir Path tmp) throws Exception {
        Path dir = TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("b"));
        Files.delete(dir.resolve("README.md"));
        Files.createDirectory(dir.resolve("README.md"));
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("README.md is not a regular file"), e.getMessage());

        Path big = TestBundles.copy(TestBundles.shared().bundle().dir(), tmp.resolve("big"));
        Files.write(big.resolve("README.md"), new byte[(int) ModelBundle.MAX_TEXT_BYTES + 1]);
        BundleException over = assertThrows(BundleException.class, () -> ModelBundle.load(big));
        assertTrue(over.getMessage().contains("README.md is over the limit of"), over.getMessage());
    }

    /** The classic deserialisation bomb: two sets per level, each holding both sets of the level below. */
    static java.util.Set<Object> hashSetBomb(int levels) {
        java.util.Set<Object> root = new java.util.HashSet<>();
        java.util.Set<Object> s1 = root;
        java.util.Set<Object> s2 = new java.util.HashSet<>();
        for (int i = 0; i < levels; i++) {
            java.util.Set<Object> t1 = new java.util.HashSet<>();
            java.util.Set<Object> t2 = new java.util.HashSet<>();
            t1.add("foo"); // t1 and t2 differ, so both stay in their sets
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    private static List<Object> chain(int depth) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            list = new ArrayList<>(List.of(list));
        }
        return list;
    }

    /** Optional manifest fields added after format 1 was saved, by section, in the order they are written. */
    static final java.util.Map<String, List<String>> ADDED_SINCE_FORMAT_1 = java.util.Map.of(
            "evaluation", List.of("againstBaseline"));

    @Test
    void theManifestFormatMatchesTheSavedFixture() throws Exception {
        // A bundle manifest saved by format 1: it must still parse, and a new export must write the same fields, plus
        // only the optional ones added since (null when read from an older bundle).
        String fixture;
        try (var in = getClass().getResourceAsStream("manifest-v1.json")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        BundleManifest saved = BundleManifest.parse(fixture, "fixture");
        assertEquals(1, saved.format());
        assertNull(saved.evaluation().againstBaseline(), "added since: absent in an older bundle");
        assertEquals("post-qualifying", saved.featureSet().name());
        assertEquals(31, saved.featureSet().features().size());
        var mapper = BundleManifest.JSON;
        var fields = new ArrayList<String>();
        mapper.readTree(fixture).fieldNames().forEachRemaining(fields::add);
        var now = new ArrayList<String>();
        mapper.readTree(TestBundles.shared().bundle().manifest().toJson()).fieldNames().forEachRemaining(now::add);
        assertEquals(fields, now);
        for (String section : List.of("model", "featureSet", "training", "evaluation", "tracking", "provenance")) {
            var a = new ArrayList<String>();
            mapper.readTree(fixture).get(section).fieldNames().forEachRemaining(a::add);
            var b = new ArrayList<String>();
            mapper.readTree(TestBundles.shared().bundle().manifest().toJson()).get(section).fieldNames()
                    .forEachRemaining(b::add);
            a.addAll(ADDED_SINCE_FORMAT_1.getOrDefault(section, List.of()));
            assertEquals(a, b, section);
        }
    }

    /** Replaces model.bin with {@code payload}, updating the manifest and SHA256SUMS so the checksums pass. */
    static byte[] rewriteModel(Path dir, Object payload) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(payload);
        }
        Files.write(dir.resolve("model.bin"), bytes.toByteArray());
        String sum = Checksums.sha256(bytes.toByteArray());
        String manifest = read(dir.resolve("manifest.json"));
        String old = BundleManifest.parse(manifest, "copy").files().get("model.bin");
        rewrite(dir, "manifest.json", manifest.replace(old, sum));
        return bytes.toByteArray();
    }

    /** Replaces a file and regenerates SHA256SUMS, as a careless or hostile editor would. */
    static void rewrite(Path dir, String file, String text) throws Exception {
        Files.writeString(dir.resolve(file), text);
        Map<String, String> sums = new LinkedHashMap<>();
        for (String name : List.of("model.bin", "manifest.json", "README.md")) {
            sums.put(name, Checksums.sha256(Files.readAllBytes(dir.resolve(name))));
        }
        Files.writeString(dir.resolve("SHA256SUMS"), Checksums.format(sums));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
