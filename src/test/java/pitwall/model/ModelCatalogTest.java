package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelCatalogTest {

    static java.util.List<String> kinds() {
        return ModelCatalog.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyKindBuildsWithDefaultsAndRoundTripsItsParams(String kind) {
        ScoringTrainer trainer = ModelCatalog.create(kind);
        assertEquals(kind, trainer.name());
        Map<String, String> params = ModelCatalog.paramsOf(trainer);
        assertEquals(params, ModelCatalog.paramsOf(ModelCatalog.create(kind, params)), kind);
    }

    @Test
    void defaultsComeFromTheOptionsRecords() {
        TreeTrainer rf = (TreeTrainer) ModelCatalog.create("rf-position");
        assertEquals(ForestOptions.DEFAULTS, rf.algorithm());
        assertEquals(FitOptions.DEFAULTS, rf.options());
        assertEquals(Target.POSITION, rf.target());
        TreeTrainer gbt = (TreeTrainer) ModelCatalog.create("gbt-podium");
        assertEquals(BoostOptions.DEFAULTS, gbt.algorithm());
        assertEquals(Target.PODIUM, gbt.target());
        assertEquals(AdaBoostOptions.DEFAULTS, ((TreeTrainer) ModelCatalog.create("adaboost-podium")).algorithm());
    }

    @Test
    void jsonScalarsAreAccepted() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("trees", 25);
        json.put("shrinkage", 0.05);
        json.put("seed", 9L);
        TreeTrainer gbt = (TreeTrainer) ModelCatalog.create("gbt-position", json);
        BoostOptions options = (BoostOptions) gbt.algorithm();
        assertEquals(25, options.trees());
        assertEquals(0.05, options.shrinkage());
        assertEquals(9L, gbt.options().seed());
    }

    @Test
    void ensembleMembersTakePrefixedParamsAndTheEnsembleSeed() {
        StackedTrainer stacked = (StackedTrainer) ModelCatalog.create("stacked",
                Map.of("members", "grid, gbt-position", "gbt-position.trees", "12", "seed", "5", "folds", "3"));
        assertEquals(3, stacked.folds());
        assertInstanceOf(GridBaseline.class, stacked.members().get(0));
        TreeTrainer gbt = (TreeTrainer) stacked.members().get(1);
        assertEquals(12, ((BoostOptions) gbt.algorithm()).trees());
        assertEquals(5L, gbt.options().seed());
    }

    @Test
    void unknownKindListsTheKnownOnes() {
        var error = assertThrows(IllegalArgumentException.class, () -> ModelCatalog.create("xgboost"));
        assertTrue(error.getMessage().contains("unknown model kind 'xgboost'"), error.getMessage());
        assertTrue(error.getMessage().contains("rf-position"), error.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeNamesKindParamAndValue() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("rf-position", Map.of("trees", "many")));
        assertEquals("rf-position: parameter 'trees' must be an integer, got 'many'", error.getMessage());
    }

    @Test
    void anOutOfRangeValueNamesTheField() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("gbt-position", Map.of("shrinkage", "1.5")));
        assertEquals("gbt-position: shrinkage must be in (0, 1], got 1.5", error.getMessage());
        var holdout = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("rf-win", Map.of("holdout", "0.9")));
        assertEquals("rf-win: holdout must be in [0, 0.5], got 0.9", holdout.getMessage());
    }

    @Test
    void anUnknownParamIsATypo() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("rf-position", Map.of("ntrees", "10")));
        assertTrue(error.getMessage().startsWith("rf-position: unknown parameter [ntrees]"), error.getMessage());
        assertTrue(error.getMessage().contains("trees"), error.getMessage());
    }

    @Test
    void theTargetIsFixedByTheKind() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("rf-position", Map.of("target", "win")));
        assertTrue(error.getMessage().contains("target"), error.getMessage());
    }

    @Test
    void badMembersAreNamed() {
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("average", Map.of("members", "rf-position,svm")));
        assertTrue(unknown.getMessage().startsWith("average: member 'svm'"), unknown.getMessage());
        var nested = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("average", Map.of("members", "average")));
        assertTrue(nested.getMessage().contains("member 'average'"), nested.getMessage());
        var twice = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("stacked", Map.of("members", "grid,grid")));
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
        var memberParam = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("average", Map.of("rf-position.trees", "0")));
        assertTrue(memberParam.getMessage().contains("rf-position: trees must be in 1..5000, got 0"),
                memberParam.getMessage());
    }

    @Test
    void adaBoostRefusesThePositionTarget() {
        var error = assertThrows(IllegalArgumentException.class, () -> new TreeTrainer("adaboost-position",
                Target.POSITION, AdaBoostOptions.DEFAULTS, FitOptions.DEFAULTS));
        assertTrue(error.getMessage().contains("AdaBoost classifies"), error.getMessage());
    }
}
