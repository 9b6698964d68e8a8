package pitwall.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.track.FakeMlflowServer;
import pitwall.track.LocalModelRegistry;
import pitwall.track.MlflowServer;
import pitwall.track.ModelVersion;
import pitwall.track.TrackingException;

/**
 * {@code models:/NAME/VERSION}, {@code models:/NAME@ALIAS} and directories to verified bundles: from the local
 * store (the run's {@code artifacts/model/<bundle version>}, nothing copied) and from a server (downloaded once
 * through the artifact proxy into the cache, verified at every load), with the shared bundle of a real experiment.
 */
class BundleResolverTest {

    private static final String NAME = RegistryFixtures.NAME;

    @Test
    void localStoreUrisNameTheRunsModelDirectory(@TempDir Path tmp) throws IOException {
        ModelBundle shared = TestBundles.shared().bundle();
        LocalModelRegistry registry = new LocalModelRegistry(RegistryFixtures.copyOfSharedStore(tmp.resolve("mlruns")));
        ModelVersion v = RegistryFixtures.sharedVersion(registry);
        registry.setAlias(NAME, "champion", v.version());
        Path runModelDir = TestBundles.shared().store().root().resolve(shared.manifest().tracking().experimentId())
                .resolve(shared.manifest().tracking().runId()).resolve("artifacts/model").resolve(shared.version());

        try (BundleResolver resolver = new BundleResolver(registry, tmp.resolve("cache"))) {
            ResolvedModel byVersion = resolver.locate("models:/" + NAME + "/" + v.version());
            assertEquals(new ResolvedModel("models:/" + NAME + "/" + v.version(), NAME, v.version(), null,
                    shared.manifest().tracking().runId(), runModelDir), byVersion);
            ModelBundle loaded = resolver.load(byVersion, null);
            assertEquals(shared.version(), loaded.version());
            assertArrayEquals(Files.readAllBytes(shared.dir().resolve(ModelBundle.MODEL_FILE)),
                    Files.readAllBytes(loaded.dir().resolve(ModelBundle.MODEL_FILE)));

            ResolvedModel byAlias = resolver.locate("models:/" + NAME + "@champion");
            assertEquals(v.version(), byAlias.version());
            assertEquals("champion", byAlias.alias());
            assertTrue(byAlias.sameVersion(byVersion));

            ResolvedModel byDir = resolver.locate(shared.dir().toString());
            assertNull(byDir.name());
            assertEquals(shared.dir(), byDir.dir());
            assertEquals(shared.version(), resolver.load(byDir, null).version());
            assertFalse(Files.exists(tmp.resolve("cache")), "the local store's versions are not copied");

            TrackingException noAlias = assertThrows(TrackingException.class,
                    () -> resolver.locate("models:/" + NAME + "@nope"));
            assertTrue(noAlias.getMessage().contains("Registered model alias nope not found."), noAlias.getMessage());
            TrackingException noModel = assertThrows(TrackingException.class,
                    () -> resolver.locate("models:/pitwall-nope/1"));
            assertEquals("RESOURCE_DOES_NOT_EXIST", noModel.errorCode());
            assertTrue(assertThrows(BundleException.class, () -> resolver.locate("models:/" + NAME)).getMessage()
                    .contains("add /VERSION or @ALIAS"));
            assertTrue(assertThrows(BundleException.class, () -> resolver.locate("models:/" + NAME + "/latest"))
                    .getMessage().contains("Invalid model version 'latest'"));
        }
    }

    @Test
    void exportingARunAgainKeepsWhatItsEarlierVersionsPointAt(@TempDir Path tmp) {
        TestBundles.Fixture f = TestBundles.shared();
        String runId = f.run().runId();
        ModelExporter.Exported grid = new ModelExporter(f.store(), pitwall.local.Project.locate().root(),
                f.snapshots(), tmp.resolve("models"), TestBundles::worker).export(runId, "grid");
        assertTrue(grid.registered().contains("registered as " + NAME + " version "), grid.registered());
        try (BundleResolver resolver = new BundleResolver(f.store().registry(), tmp.resolve("cache"))) {
            List<ModelVersion> ofRun = f.store().registry().modelVersions(NAME).stream()
                    .filter(v -> v.runId().equals(runId)).toList();
            assertTrue(ofRun.size() >= 2, "two exports of one run: " + ofRun);
            for (ModelVersion v : ofRun) {
                ModelBundle loaded = resolver.load(resolver.locate("models:/" + NAME + "/" + v.version()), null);
                assertEquals(v.tags().get(pitwall.track.PitwallTags.BUNDLE_VERSION), loaded.version());
                assertEquals(v.tags().get(pitwall.track.PitwallTags.VARIANT), loaded.manifest().model().variant());
            }
        }
    }

    @Test
    void serverVersionsAreDownloadedOnceIntoTheCacheAndVerifiedAtEveryLoad(@TempDir Path tmp) throws IOException {
        ModelBundle shared = TestBundles.shared().bundle();
        try (FakeMlflowServer fake = FakeMlflowServer.start();
             MlflowServer server = new MlflowServer(fake.uri(), Map.of());
             BundleResolver resolver = new BundleResolver(server, tmp.resolve("cache"))) {
            String registered = RegistryFixtures.registerOnServer(fake.uri(), tmp.resolve("spool"));
            assertTrue(registered.contains("registered as " + NAME + " version 1 (models:/" + NAME + "/1)"),
                    registered);
            server.setAlias(NAME, "champion", "1");

            int before = fake.requests().size();
            ResolvedModel champion = resolver.locate("models:/" + NAME + "@champion");
            assertEquals(1, fake.requests().size() - before, "following an alias is one call");
            Path cached = tmp.resolve("cache").resolve(NAME).resolve("1");
            assertEquals(cached, champion.dir());
            assertFalse(Files.exists(cached), "locating downloads nothing");

            ModelBundle loaded = resolver.load(champion, null);
            assertEquals(shared.version(), loaded.version());
            for (String file : BundleRegistry.files(shared)) {
                assertArrayEquals(Files.readAllBytes(shared.dir().resolve(file)),
                        Files.readAllBytes(cached.resolve(file)), file);
            }
            try (Stream<Path> left = Files.list(cached.getParent())) {
                assertEquals(List.of(cached), left.toList(), "no partial download left beside it");
            }
            int downloads = downloads(fake);
            assertEquals(BundleRegistry.files(shared).size(), downloads, "only the bundle's files");
            resolver.load(resolver.locate("models:/" + NAME + "/1"), null);
            assertEquals(downloads, downloads(fake), "a cached version is not downloaded again");

            Files.writeString(cached.resolve(ModelBundle.README_FILE), "tampered\n", StandardOpenOption.APPEND);
            BundleException tampered = assertThrows(BundleException.class, () -> resolver.load(champion, null));
            assertTrue(tampered.getMessage().contains("was modified: README.md has sha256")
                    && tampered.getMessage().contains("delete " + cached + " to download it again"),
                    tampered.getMessage());
            assertTrue(Files.exists(cached), "the evidence stays");
            assertEquals(downloads, downloads(fake));

            // A version whose run is not the one the bundle was exported from: downloaded, refused, not kept.
            server.createModelVersion(NAME, "mlflow-artifacts:/0/" + shared.manifest().tracking().runId()
                    + "/artifacts/model/" + shared.version(), "fedcba9876543210fedcba9876543210", null, Map.of());
            ResolvedModel other = resolver.locate("models:/" + NAME + "/2");
            BundleException wrongRun = assertThrows(BundleException.class, () -> resolver.load(other, null));
            assertTrue(wrongRun.getMessage().contains("was registered from run fedcba9876543210fedcba9876543210"),
                    wrongRun.getMessage());
            assertFalse(Files.exists(other.dir()));

            // With a verification key, an unsigned bundle is refused before anything is deserialised.
            Files.walk(cached).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            BundleSignature.Verifier key = BundleSignature.verifierFromEnv(BundleSigningTest.keys(false)).orElseThrow();
            BundleException unsigned = assertThrows(BundleException.class, () -> resolver.load(champion, key));
            assertTrue(unsigned.getMessage().contains("is not signed"), unsigned.getMessage());
        }
    }

    private static int downloads(FakeMlflowServer fake) {
        return fake.requests("GET", "/api/2.0/mlflow-artifacts/artifacts/").size();
    }
}
