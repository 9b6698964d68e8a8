package pitwall.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pitwall.eval.Metric;
import pitwall.local.Project;

class SweepSpecTest {

    static final String SWEEP = """
            {"name": "s", "base": "ensembles.json", "variant": "gbt-position",
             "space": {"trees": {"min": 40, "max": 250}, "shrinkage": {"min": 0.02, "max": 0.3, "log": true},
                       "maxNodes": {"choices": [4, 8, 16]}},
             "strategy": "random", "trials": 24, "seed": 7}""";

    @Test
    void shippedSweepTunesARealEnsembleMemberOnTheValidationRange() {
        Path file = Project.locate().root().resolve("experiments/sweep-gbt-position.json");
        SweepSpec sweep = SweepSpec.read(file);
        ExperimentSpec base = sweep.baseSpec(file);
        assertEquals("ensembles", base.name());
        assertEquals(Metric.SPEARMAN, sweep.objective(base));
        assertTrue(base.variants().stream().anyMatch(v -> v.kind().equals("average")
                && String.valueOf(v.params().get("members")).contains(sweep.variant())), "a member of the average");
        assertEquals(24, sweep.draw().size());
    }

    @Test
    void randomDrawsAreSeededDistinctAndInsideTheSpace() {
        SweepSpec sweep = SweepSpec.parse(SWEEP, "s.json");
        List<Map<String, Object>> draws = sweep.draw();
        assertEquals(draws, SweepSpec.parse(SWEEP, "s.json").draw(), "same seed, same trials");
        assertEquals(24, new HashSet<>(draws).size());
        for (Map<String, Object> d : draws) {
            int trees = (Integer) d.get("trees");
            double shrinkage = (Double) d.get("shrinkage");
            assertTrue(trees >= 40 && trees <= 250, d.toString());
            assertTrue(shrinkage >= 0.02 && shrinkage <= 0.3, d.toString());
            assertTrue(List.of(4, 8, 16).contains(d.get("maxNodes")), d.toString());
        }
        // Log scale: about half the draws below the geometric middle (0.077), far more than a linear scale gives.
        long low = draws.stream().filter(d -> (Double) d.get("shrinkage") < Math.sqrt(0.02 * 0.3)).count();
        assertTrue(low >= 6 && low <= 18, "draws below the log-middle: " + low);
        assertTrue(!draws.equals(SweepSpec.parse(SWEEP.replace("\"seed\": 7", "\"seed\": 8"), "s.json").draw()));
    }

    @Test
    void gridIsEveryCombinationWithinTheBudget() {
        String grid = SWEEP.replace("\"random\"", "\"grid\"").replace("\"max\": 250}", "\"max\": 250, \"steps\": 3}")
                .replace("\"log\": true}", "\"log\": true, \"steps\": 2}");
        List<Map<String, Object>> points = SweepSpec.parse(grid, "g.json").draw();
        assertEquals(3 * 2 * 3, points.size());
        assertEquals(Map.of("trees", 40, "shrinkage", 0.02, "maxNodes", 4), points.getFirst());
        assertEquals(145, points.get(6).get("trees"));
        assertEquals(0.3, (Double) points.getLast().get("shrinkage"), 1e-12);
        SpecException e = assertThrows(SpecException.class,
                () -> SweepSpec.parse(grid.replace("\"trials\": 24", "\"trials\": 10"), "g.json").draw());
        assertTrue(e.getMessage().contains("the grid has 18 points, more than the budget of 10 trials"),
                e.getMessage());
    }

    @Test
    void mistakesAreNamedBeforeAnyWork() {
        Path ensembles = Project.locate().root().resolve("experiments/s.json");
        assertMessage(SWEEP.replace("\"log\": true", "\"log\": true, \"steps\": 0"), "space.shrinkage.steps must be");
        assertMessage(SWEEP.replace("\"min\": 0.02", "\"min\": 0"), "space.shrinkage.min must be above 0 on a log");
        assertMessage(SWEEP.replace("\"max\": 250", "\"max\": 10"), "space.trees.max must be greater than min");
        assertMessage(SWEEP.replace("\"trials\": 24", "\"trials\": 0"), "trials must be a budget from 1 to 1000");
        assertMessage(SWEEP.replace("\"random\"", "\"bayes\""), "strategy must be 'random' or 'grid'");
        assertMessage(SWEEP.replace("\"seed\": 7", "\"sead\": 7"), "unknown field 'sead'");
        SpecException e = assertThrows(SpecException.class, () -> SweepSpec.parse(SWEEP.replace("\"trees\"",
                "\"leaves\""), "s.json").baseSpec(ensembles));
        assertTrue(e.getMessage().contains("space.leaves: gbt-position has no param 'leaves'"), e.getMessage());
        e = assertThrows(SpecException.class, () -> SweepSpec.parse(SWEEP.replace("\"max\": 250", "\"max\": 9000"),
                "s.json").baseSpec(ensembles));
        assertTrue(e.getMessage().contains("space.trees: gbt-position: trees must be in 1..5000, got 9000"),
                e.getMessage());
        e = assertThrows(SpecException.class, () -> SweepSpec.parse(SWEEP.replace("\"gbt-position\"", "\"grid\""),
                "s.json").baseSpec(ensembles));
        assertTrue(e.getMessage().contains("is a baseline"), e.getMessage());
        e = assertThrows(SpecException.class, () -> SweepSpec.parse(SWEEP.replace("\"ensembles.json\"",
                "\"notebook.json\"").replace("\"gbt-position\"", "\"xgb\""), "s.json").baseSpec(ensembles));
        assertTrue(e.getMessage().contains("variant must be one of the base spec's [grid, standings"),
                e.getMessage());
    }

    private static void assertMessage(String json, String expected) {
        SpecException e = assertThrows(SpecException.class, () -> SweepSpec.parse(json, "s.json"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
