package pitwall.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pitwall.eval.Comparison;
import pitwall.eval.Metric;

class ModelResultsTest {

    static final String CSV = """
            rank,variant,kind,races,winner,podium,top10,spearman,mae,winLogLoss,winBrier,podiumBrier,\
            validation.races,validation.winner,validation.podium,validation.top10,validation.spearman,validation.mae,\
            validation.winLogLoss,validation.winBrier,validation.podiumBrier
            1,stacked,model,86,0.5116,0.6628,0.7988,0.67,3.2449,1.2783,0.0311,0.0696,122,0.5656,0.694,0.7779,0.6489,\
            3.4807,1.3679,0.031,0.0656
            2,grid,baseline,86,0.5465,0.6744,0.7733,0.6308,3.4472,1.5936,0.0325,0.0702,122,0.5164,0.7104,0.7615,\
            0.6134,3.6135,1.5006,0.0325,0.0671
            3,rf-win,model,86,0.5814,0.6434,0.7744,0.6189,3.5819,,0.0284,0.0771,122,0.5164,0.6667,0.6836,0.5364,\
            4.1378,1.4489,0.0314,0.0755
            """;

    @Test
    void readsARecordedComparisonAndWritesTheTableBetweenTheMarkers() {
        Comparison c = ModelResults.parseComparison(CSV, Metric.SPEARMAN, "t");
        assertTrue(c.validated());
        assertEquals("stacked", c.winner().name());
        assertEquals(0.6489, c.row("stacked").validation().spearman(), 0.0);
        assertEquals(0.67, c.row("stacked").value(Metric.SPEARMAN), 0.0);
        assertTrue(Double.isNaN(c.row("rf-win").value(Metric.WIN_LOG_LOSS)), "an empty cell is NaN");

        ExperimentSpec spec = ExperimentSpec.parse("""
                {"name": "ensembles", "data": {"fromYear": 1990, "toYear": 2025}, "featureSet": "post-qualifying",
                 "evaluation": {"validateFrom": 2016, "validateTo": 2021, "testFrom": 2022, "testTo": 2025},
                 "seed": 1, "primaryMetric": "spearman", "variants": [{"name": "grid", "kind": "grid"}]}""", "t");
        ModelResults results = new ModelResults(List.of(new ModelResults.SpecResult(spec, "r1", c)));
        String md = results.toMarkdown();
        assertTrue(md.startsWith("`experiments/ensembles.json` (post-qualifying), run `r1`: chosen on validation "
                + "2016 – 2021 (122 races), reported on test 2022 – 2025 (86 races); exported: **stacked**."), md);
        assertTrue(md.contains("| variant | kind | val Spearman | val winner | val podium | val MAE | val win log loss"
                + " | test Spearman | test winner | test podium | test MAE | test win log loss |"), md);
        assertTrue(md.contains("| **stacked** | model | 0.6489 | 0.5656 | 0.6940 | 3.4807 | 1.3679 | 0.6700 | "), md);
        assertTrue(md.contains("| rf-win | model | 0.5364 | 0.5164 | 0.6667 | 4.1378 | 1.4489 | 0.6189 | 0.5814 | "
                + "0.6434 | 3.5819 | — |"), md);

        String readme = "# x\n\n" + ModelResults.BEGIN + "\nold table\n" + ModelResults.END + "\nafter\n";
        String written = results.replaceIn(readme, "README.md");
        assertTrue(written.startsWith("# x\n\n" + ModelResults.BEGIN + "\n`experiments/ensembles.json`"), written);
        assertTrue(written.endsWith(ModelResults.END + "\nafter\n") && !written.contains("old table"), written);
        assertEquals(written, results.replaceIn(written, "README.md"), "regenerating is idempotent");
        SpecException e = assertThrows(SpecException.class, () -> results.replaceIn("# no markers\n", "README.md"));
        assertTrue(e.getMessage().startsWith("README.md has no model results block"), e.getMessage());
    }
}
