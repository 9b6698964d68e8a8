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
        // Chosen on 2016-2021, reported on 2022-2025: the README's model results are test numbers.
        assertEquals(java.util.List.of(2016, 2017, 2018, 2019, 2020, 2021),
                ensembles.validationOptions().orElseThrow().testSeasons());
        ExperimentSpec pre = ExperimentSpec.read(root.resolve("experiments/pre-qualifying.json"));
        assertEquals(ensembles.evaluation(), pre.evaluation());
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
    void validationOnlyRunsTheValidationSeasonsUnderItsOwnName() {
        ExperimentSpec ensembles = ExperimentSpec.read(Project.locate().root().resolve("experiments/ensembles.json"));
        ExperimentSpec alone = ensembles.validationOnly();
        assertEquals("ensembles-validation", alone.name());
        assertTrue(alone.validationOptions().isEmpty(), "its one range chooses");
        assertEquals(ensembles.validationOptions().orElseThrow(), alone.backtestOptions());
        assertEquals(java.util.List.of(2016, 2017, 2018, 2019, 2020, 2021), alone.backtestOptions().testSeasons());
        assertEquals(ensembles.variants(), alone.variants());
        assertEquals(ensembles.data(), alone.data());
        assertEquals(alone, ExperimentSpec.parse(alone.toJson(), "alone.json"), "a valid spec of its own");
        SpecException e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(VALID, "t.json")
                .validationOnly());
        assertTrue(e.getMessage().contains("has no validation range"), e.getMessage());
    }

    @Test
    void validationRangeComesBeforeTheTestRange() {
        String withValidation = VALID.replace("\"evaluation\": {\"testFrom\": 2025",
                "\"evaluation\": {\"validateFrom\": 2022, \"validateTo\": 2024, \"testFrom\": 2025");
        ExperimentSpec spec = ExperimentSpec.parse(withValidation, "t.json");
        assertEquals(java.util.List.of(2022, 2023, 2024), spec.validationOptions().orElseThrow().testSeasons());
        assertEquals(java.util.List.of(2025), spec.backtestOptions().testSeasons());
        assertEquals("2022", spec.toParams().get("spec.evaluation.validateFrom"));
        assertTrue(ExperimentSpec.parse(VALID, "t.json").validationOptions().isEmpty());

        String overlapping = withValidation.replace("\"validateTo\": 2024", "\"validateTo\": 2025");
        SpecException e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(overlapping, "t.json"));
        assertTrue(e.getMessage().startsWith("t.json: evaluation.validateTo must be a season from evaluation"
                + ".validateFrom (2022) to before evaluation.testFrom (2025)"), e.getMessage());
        String half = withValidation.replace("\"validateTo\": 2024, ", "");
        e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(half, "t.json"));
        assertTrue(e.getMessage().contains("given together or not at all"), e.getMessage());
        String noHistory = withValidation.replace("\"validateFrom\": 2022", "\"validateFrom\": 2018");
        e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(noHistory, "t.json"));
        assertTrue(e.getMessage().startsWith("t.json: evaluation.validateFrom must be a season after"),
                e.getMessage());
        String trainLate = withValidation.replace("\"testTo\": 2025}", "\"testTo\": 2025, \"trainFrom\": 2023}");
        e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(trainLate, "t.json"));
        assertTrue(e.getMessage().contains("before the first scored season (2022)"), e.getMessage());
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
