package pitwall.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import pitwall.eval.BacktestOptions;
import pitwall.eval.Metric;
import pitwall.local.Project;

class ExperimentSpecTest {

    static final String VALID = """
            {"name": "t", "data": {"fromYear": 2018, "toYear": 2025}, "featureSet": "post-qualifying",
             "evaluation": {"testFrom": 2025, "testTo": 2025}, "seed": 7, "primaryMetric": "spearman",
             "variants": [{"name": "grid", "kind": "grid"},
                          {"name": "gbt", "kind": "gbt-position", "params": {"trees": 20}}]}""";

    @Test
    void shippedSpecsAreValid() {
        Path root = Project.locate().root();
        ExperimentSpec ensembles = ExperimentSpec.read(root.resolve("experiments/ensembles.json"));
        assertEquals("post-qualifying", ensembles.featureSet());
        assertEquals(Metric.SPEARMAN, ensembles.primary());
        assertTrue(ensembles.variants().stream().anyMatch(v -> v.kind().equals("stacked")));
        assertTrue(ensembles.variants().stream().anyMatch(v -> v.kind().equals("average")));
        ExperimentSpec pre = ExperimentSpec.read(root.resolve("experiments/pre-qualifying.json"));
        assertEquals("pre-qualifying", pre.featureSet());
        assertTrue(pre.variants().stream().noneMatch(v -> v.kind().equals("grid")), "no grid before qualifying");
    }

    @Test
    void validSpecGivesBacktestOptionsAndPinning() {
        ExperimentSpec spec = ExperimentSpec.parse(VALID, "t.json");
        assertEquals(java.util.List.of(2025), spec.backtestOptions().testSeasons());
        assertEquals(BacktestOptions.Retrain.PER_SEASON, spec.backtestOptions().retrain());
        String hash = "a".repeat(64);
        ExperimentSpec pinned = ExperimentSpec.parse(spec.pinnedTo(hash).toJson(), "pinned");
        assertEquals(hash, pinned.data().snapshot());
        assertEquals(spec.variants(), pinned.variants());
        assertEquals(7L, spec.withSeed(spec.variants().get(1).params()).get("seed"));
    }

    @Test
    void unknownModelIsNamedWithItsField() {
        String bad = VALID.replace("\"gbt-position\"", "\"xgboost\"");
        SpecException e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(bad, "t.json"));
        assertTrue(e.getMessage().startsWith("t.json: variants[1].kind must be one of ["), e.getMessage());
        assertTrue(e.getMessage().contains("'xgboost'"), e.getMessage());
    }

    @Test
    void missingFieldIsNamed() {
        String bad = VALID.replace("\"seed\": 7,", "");
        SpecException e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(bad, "t.json"));
        assertEquals("t.json: seed must be an integer, got nothing", e.getMessage());
    }

    @Test
    void impossibleRangeIsNamed() {
        String bad = VALID.replace("\"testTo\": 2025", "\"testTo\": 2030");
        SpecException e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(bad, "t.json"));
        assertTrue(e.getMessage().startsWith("t.json: evaluation.testTo must be a season from"), e.getMessage());
        String noHistory = VALID.replace("\"testFrom\": 2025", "\"testFrom\": 2018");
        e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(noHistory, "t.json"));
        assertTrue(e.getMessage().contains("evaluation.testFrom"), e.getMessage());
    }

    @Test
    void badHyperparameterAndUnknownFieldAndMetric() {
        String badParam = VALID.replace("\"trees\": 20", "\"trees\": \"many\"");
        SpecException e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(badParam, "t.json"));
        assertTrue(e.getMessage().contains("variants[1].params (gbt)"), e.getMessage());
        assertTrue(e.getMessage().contains("many"), e.getMessage());

        String unknownField = VALID.replace("\"seed\": 7", "\"seed\": 7, \"sead\": 8");
        e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(unknownField, "t.json"));
        assertTrue(e.getMessage().contains("unknown field 'sead'"), e.getMessage());

        String badMetric = VALID.replace("\"spearman\"", "\"accuracy\"");
        e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(badMetric, "t.json"));
        assertTrue(e.getMessage().startsWith("t.json: primaryMetric"), e.getMessage());

        String duplicate = VALID.replace("{\"name\": \"gbt\"", "{\"name\": \"grid\"");
        e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(duplicate, "t.json"));
        assertTrue(e.getMessage().contains("variants[1].name must be a name no other variant has"), e.getMessage());

        e = assertThrows(SpecException.class, () -> ExperimentSpec.parse("{\"name\": ", "t.json"));
        assertTrue(e.getMessage().startsWith("t.json: not valid JSON"), e.getMessage());
    }
}
