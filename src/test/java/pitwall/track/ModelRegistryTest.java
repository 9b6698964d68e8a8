package pitwall.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model registry of both stores: the local store's files, byte for byte as MLflow 2.12's file store writes
 * them (expected text from PyYAML 6.0.3, {@code yaml.dump(..., Dumper=SafeDumper, default_flow_style=False,
 * allow_unicode=True, sort_keys=True)}, MLflow's write_yaml), and the same answers from the local registry and from
 * a server (the fake follows MLflow 2.12's REST answers, error codes included).
 */
class ModelRegistryTest {

    private static final long T0 = 1_764_688_200_000L;
    private static final String NAME = "pitwall-serve-test";
    private static final String RUN = "0123456789abcdef0123456789abcdef";
    private static final String SOURCE =
            "file:///tmp/store/mlruns/123456789012345678/0123456789abcdef0123456789abcdef/artifacts/model";

    @TempDir
    Path dir;
    private FakeMlflowServer fake;

    @BeforeEach
    void start() throws IOException {
        fake = FakeMlflowServer.start();
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    /** A clock that ticks one millisecond per reading, so each rewrite of meta.yaml shows. */
    private LocalModelRegistry local() {
        AtomicLong clock = new AtomicLong(T0);
        return new LocalModelRegistry(dir.resolve("mlruns"), clock::getAndIncrement);
    }

    private ModelRegistry registry(String kind) {
        return kind.equals("local") ? local() : new MlflowServer(fake.uri(), Map.of());
    }

    @Test
    void localStoreWritesMlflowsFileStoreLayout() throws IOException {
        LocalModelRegistry registry = local();
        registry.createRegisteredModel(NAME, "pitwall serve-test race-order model",
                Map.of(PitwallTags.FEATURE_SET, "post-qualifying"));
        Path model = dir.resolve("mlruns/models").resolve(NAME);
        assertEquals("""
                aliases: {}
                creation_timestamp: 1764688200000
                description: pitwall serve-test race-order model
                last_updated_timestamp: 1764688200001
                name: pitwall-serve-test
                """, read(model.resolve("meta.yaml")), "rewritten after the tag, as MLflow does");
        assertEquals("post-qualifying", read(model.resolve("tags/pitwall.featureSet")));

        ModelVersion v = registry.createModelVersion(NAME, SOURCE, RUN, "variant rf, bundle 20251202-151000",
                Map.of(PitwallTags.VARIANT, "rf", PitwallTags.BUNDLE_VERSION, "20251202-151000"));
        assertEquals("1", v.version());
        assertEquals("""
                aliases: []
                creation_timestamp: 1764688200002
                current_stage: None
                description: variant rf, bundle 20251202-151000
                last_updated_timestamp: 1764688200002
                name: pitwall-serve-test
                run_id: 0123456789abcdef0123456789abcdef
                run_link: null
                source: file:///tmp/store/mlruns/123456789012345678/0123456789abcdef0123456789abcdef/artifacts/model
                status: READY
                status_message: null
                storage_location: file:///tmp/store/mlruns/123456789012345678/0123456789abcdef0123456789abcdef/artifacts/model
                user_id: null
                version: 1
                """, read(model.resolve("version-1/meta.yaml")));
        assertEquals("rf", read(model.resolve("version-1/tags/pitwall.variant")));
        assertEquals("20251202-151000", read(model.resolve("version-1/tags/pitwall.version")));

        registry.setAlias(NAME, "champion", "1");
        assertEquals("1", read(model.resolve("aliases/champion")), "the version, no newline (MLflow's write_to)");
        assertEquals("""
                aliases:
                  champion: '1'
                creation_timestamp: 1764688200000
                description: pitwall serve-test race-order model
                last_updated_timestamp: 1764688200005
                name: pitwall-serve-test
                """, read(model.resolve("meta.yaml")), "aliases as MLflow reads them back from aliases/");

        registry.createRegisteredModel("bare", null, Map.of());
        assertEquals("""
                aliases: {}
                creation_timestamp: 1764688200006
                description: null
                last_updated_timestamp: 1764688200006
                name: bare
                """, read(dir.resolve("mlruns/models/bare/meta.yaml")));
        assertEquals(List.of(), new LocalMlflowStore(dir.resolve("mlruns")).experiments(),
                "models/ is not an experiment");
    }

    @Test
    void localStoreSkipsDeletedVersionsAndNeverReusesTheirNumbers() throws IOException {
        LocalModelRegistry registry = local();
        registry.createRegisteredModel(NAME, null, Map.of());
        registry.createModelVersion(NAME, SOURCE, RUN, null, Map.of());
        registry.createModelVersion(NAME, SOURCE, RUN, null, Map.of());
        Path meta = dir.resolve("mlruns/models").resolve(NAME).resolve("version-2/meta.yaml");
        Files.writeString(meta, read(meta).replace("current_stage: None", "current_stage: Deleted_Internal"));

        assertEquals(List.of("1"), registry.modelVersions(NAME).stream().map(ModelVersion::version).toList());
        assertEquals("RESOURCE_DOES_NOT_EXIST",
                assertThrows(TrackingException.class, () -> registry.modelVersion(NAME, "2")).errorCode());
        assertEquals("3", registry.createModelVersion(NAME, SOURCE, RUN, null, Map.of()).version());
        assertEquals(Path.of("/tmp/store/mlruns/123456789012345678/0123456789abcdef0123456789abcdef/artifacts/model"),
                registry.localSource(registry.modelVersion(NAME, "3")).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "server"})
    void aliasesPointAtOneVersionAndMove(String kind) {
        try (ModelRegistry registry = registry(kind)) {
            registry.createRegisteredModel(NAME, "race order", Map.of());
            ModelVersion v1 = registry.createModelVersion(NAME, SOURCE, RUN, "first", Map.of("k", "1"));
            ModelVersion v2 = registry.createModelVersion(NAME, SOURCE, "fedcba9876543210fedcba9876543210", "second",
                    Map.of());
            assertEquals(List.of("1", "2"), List.of(v1.version(), v2.version()));

            registry.setAlias(NAME, "champion", "1");
            registry.setAlias(NAME, "challenger", "2");
            assertEquals(Map.of("champion", "1", "challenger", "2"), registry.registeredModel(NAME).aliases());
            assertEquals("1", registry.versionByAlias(NAME, "champion").version());
            assertEquals(RUN, registry.versionByAlias(NAME, "champion").runId());

            registry.setAlias(NAME, "champion", "2");
            List<ModelVersion> versions = registry.modelVersions(NAME);
            assertEquals(List.of("1", "2"), versions.stream().map(ModelVersion::version).toList());
            assertEquals(List.of(), versions.get(0).aliases());
            assertEquals(List.of("challenger", "champion"), versions.get(1).aliases().stream().sorted().toList());
            assertEquals(Map.of("k", "1"), versions.get(0).tags());
            assertEquals("first", versions.get(0).description());
            assertEquals(SOURCE, versions.get(0).source());
            assertEquals("2", registry.versionByAlias(NAME, "champion").version());
            assertEquals(List.of(NAME), registry.registeredModels().stream().map(RegisteredModel::name).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "server"})
    void unknownModelsVersionsAndAliasesAreMlflowsErrors(String kind) {
        try (ModelRegistry registry = registry(kind)) {
            registry.createRegisteredModel(NAME, null, Map.of());
            registry.createModelVersion(NAME, SOURCE, RUN, null, Map.of());
            Function<Runnable, TrackingException> fails = call -> assertThrows(TrackingException.class, call::run);

            assertEquals("RESOURCE_ALREADY_EXISTS",
                    fails.apply(() -> registry.createRegisteredModel(NAME, null, Map.of())).errorCode());
            TrackingException noModel = fails.apply(() -> registry.registeredModel("nope"));
            assertEquals("RESOURCE_DOES_NOT_EXIST", noModel.errorCode());
            assertTrue(noModel.getMessage().contains("Registered Model with name=nope not found"),
                    noModel.getMessage());
            assertEquals("RESOURCE_DOES_NOT_EXIST", fails.apply(() -> registry.modelVersions("nope")).errorCode());
            TrackingException noVersion = fails.apply(() -> registry.modelVersion(NAME, "9"));
            assertEquals("RESOURCE_DOES_NOT_EXIST", noVersion.errorCode());
            assertTrue(noVersion.getMessage().contains("Model Version (name=" + NAME + ", version=9) not found"),
                    noVersion.getMessage());
            TrackingException noAlias = fails.apply(() -> registry.versionByAlias(NAME, "champion"));
            assertEquals("INVALID_PARAMETER_VALUE", noAlias.errorCode(), "MLflow 2.12 answers 400 here, not 404");
            assertTrue(noAlias.getMessage().contains("Registered model alias champion not found."),
                    noAlias.getMessage());
            assertEquals("RESOURCE_DOES_NOT_EXIST", fails.apply(() -> registry.setAlias(NAME, "champion", "9"))
                    .errorCode());
            assertEquals(Map.of(), registry.registeredModel(NAME).aliases(), "a refused alias is not written");
            for (String reserved : List.of("latest", "v2", "two words", "")) {
                assertEquals("INVALID_PARAMETER_VALUE", fails.apply(() -> registry.setAlias(NAME, reserved, "1"))
                        .errorCode(), reserved);
            }
            assertEquals("INVALID_PARAMETER_VALUE", fails.apply(() -> registry.registeredModel("a/b")).errorCode());
        }
    }

    @Test
    void followingAnAliasOnAServerIsOneRequest() {
        try (MlflowServer server = new MlflowServer(fake.uri(), Map.of())) {
            server.createRegisteredModel(NAME, null, Map.of());
            server.createModelVersion(NAME, "mlflow-artifacts:/1/" + RUN + "/artifacts/model", RUN, null, Map.of());
            server.setAlias(NAME, "champion", "1");
            int before = fake.requests().size();
            ModelVersion v = server.versionByAlias(NAME, "champion");
            assertEquals(1, fake.requests().size() - before);
            assertEquals(List.of("champion"), v.aliases());
            assertFalse(server.localSource(v).isPresent(), "a server's files come through the proxy");
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
