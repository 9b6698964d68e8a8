package pitwall.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pitwall.eval.Metric;
import pitwall.model.ContributionSummary;

/** The model card ({@code README.md}) of a bundle: what it predicts, how it scored, how it was made, its limits. */
final class ModelCard {

    private ModelCard() {
    }

    /**
     * @param contributions the model's mean |contribution| per term over its training races (then, for a rank
     *                      average, each member's); empty when the model cannot explain its scores
     */
    static String of(BundleManifest m, List<ContributionSummary> contributions) {
        StringBuilder out = new StringBuilder();
        BundleManifest.ModelInfo model = m.model();
        BundleManifest.Training t = m.training();
        boolean post = m.featureSet().name().startsWith("post");
        out.append("# ").append(m.name()).append(" — ").append(model.variant()).append(" (").append(m.version())
                .append(")\n\n");
        out.append("Predicts the finishing order of a Formula 1 Grand Prix ")
                .append(post ? "after qualifying (the grid is an input)" : "before qualifying (no grid input)")
                .append(": for every entrant a predicted position, win and podium probability (Plackett–Luce over ")
                .append("the model's scores, win summing to 1 and podium to 3 per race), a DNF probability (when it ")
                .append("beats the base rate, see Evaluation) and an ")
                .append("~80 % interval of finishing positions.\n\n");
        out.append("## Model\n\n");
        out.append("- variant `").append(model.variant()).append("`, kind `").append(model.kind()).append("`, class `")
                .append(model.className()).append("`\n");
        out.append("- params: ").append(model.params()).append('\n');
        out.append("- feature set `").append(m.featureSet().name()).append("` (").append(m.featureSet().features()
                .size()).append(" columns, in order): ").append(String.join(", ", m.featureSet().names()))
                .append("\n\n");
        contributions(out, contributions);
        out.append("## Training data\n\n");
        out.append("Refitted on every race with a result from ").append(t.trainFrom() == null ? t.historyFromYear()
                        : t.trainFrom()).append(" to ").append(t.historyToYear()).append(": ").append(t.races())
                .append(" races, ").append(t.rows()).append(" entrant rows, ").append(t.firstRace()).append(" to ")
                .append(t.lastRace()).append(". Features are as-of (each race only from races that started before ")
                .append("it), with history read from ").append(t.historyFromYear()).append(". Data snapshot `")
                .append(t.dataSnapshot()).append("`.\n\n");
        out.append("## Evaluation (walk-forward backtest of run `").append(m.tracking().runId()).append("`)\n\n");
        out.append("Primary metric: ").append(m.evaluation().primaryMetric()).append("; winner of the run: ")
                .append(m.evaluation().winner()).append("; exported: ").append(m.evaluation().exported())
                .append(".\n\n");
        String chosenOn = "validation." + m.evaluation().primaryMetric();
        boolean validated = m.evaluation().variants().stream().anyMatch(v -> v.metrics().containsKey(chosenOn));
        if (validated) {
            out.append("Chosen on the validation range (column `").append(chosenOn).append("`); the other columns ")
                    .append("are the test range, reported and never chosen on.\n\n");
        }
        out.append("| variant | kind |");
        if (validated) {
            out.append(' ').append(chosenOn).append(" |");
        }
        for (Metric metric : Metric.values()) {
            out.append(' ').append(metric.key()).append(" |");
        }
        out.append("\n|---|---|");
        out.append("---|".repeat(Metric.values().length + (validated ? 1 : 0))).append('\n');
        for (BundleManifest.VariantMetrics v : m.evaluation().variants()) {
            out.append("| ").append(v.name().equals(m.evaluation().exported()) ? "**" + v.name() + "**" : v.name())
                    .append(" | ").append(v.kind()).append(" |");
            Map<String, Double> values = v.metrics();
            List<String> keys = new ArrayList<>();
            if (validated) {
                keys.add(chosenOn);
            }
            for (Metric metric : Metric.values()) {
                keys.add(metric.key());
            }
            for (String key : keys) {
                Double value = values.get(key);
                out.append(' ').append(value == null ? "–" : String.format(Locale.ROOT, "%.4f", value)).append(" |");
            }
            out.append('\n');
        }
        BundleManifest.DnfVerdict dnf = m.evaluation().dnf();
        if (dnf != null) {
            out.append("\nDNF probability: ").append(dnf.verdict()).append(dnf.served() ? "" : "; the predictor "
                    + "answers it as null with this reason").append(".\n");
        }
        if (m.evaluation().againstBaseline() != null) {
            out.append("\nRace by race on the test range: ").append(m.evaluation().againstBaseline()).append('\n');
        }
        out.append("\nThe backtest fitted each test season on earlier races only; this bundle is refitted on all of ")
                .append("them, so its own numbers are not measured.\n\n");
        out.append("## Limitations\n\n");
        out.append("- Trained on historical results only: no weather, tyres, penalties announced after qualifying, ")
                .append("or car upgrades.\n");
        if (post) {
            out.append("- Needs the race's qualifying/grid: before qualifying use a pre-qualifying model.\n");
        }
        out.append("- Rookies and new teams get the missing-value rules of the feature catalogue (`pitwall ")
                .append("features list`).\n");
        out.append("- Data: Ergast/jolpica via TracingInsights/RaceData; the upstream terms ask for non-commercial ")
                .append("use.\n\n");
        out.append("## Provenance\n\n");
        out.append("- MLflow run `").append(m.tracking().runId()).append("` in ").append(m.tracking().trackingUri())
                .append('\n');
        out.append("- git ").append(m.provenance().gitCommit()).append(", Java ").append(m.provenance().java())
                .append(", ").append(m.provenance().os()).append(' ').append(m.provenance().arch()).append('\n');
        out.append("- libraries: ").append(m.provenance().libraries()).append('\n');
        out.append("- files and their sha256: `SHA256SUMS` (checked on every load)\n");
        return out.toString();
    }

    /** The global explanation: one table per summary, terms largest first. */
    private static void contributions(StringBuilder out, List<ContributionSummary> summaries) {
        out.append("## What moves the score\n\n");
        if (summaries.isEmpty()) {
            out.append("This model cannot split its scores into contributions.\n\n");
            return;
        }
        out.append("Mean |contribution| to the score over every entrant of the training races (TreeSHAP for trees; ")
                .append("`explain=true` on the predictor gives one entrant's signed contributions).\n\n");
        for (ContributionSummary s : summaries) {
            out.append("`").append(s.name()).append("` (").append(s.rows()).append(" rows; ").append(s.explains())
                    .append("):\n\n| term | mean \\|contribution\\| |\n|---|---|\n");
            s.meanAbs().forEach((term, value) -> out.append("| ").append(term).append(" | ")
                    .append(String.format(Locale.ROOT, "%.4f", value)).append(" |\n"));
            out.append('\n');
        }
    }
}
