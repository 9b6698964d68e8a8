package pitwall.experiment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.OptionalDouble;
import pitwall.eval.VariantResult;
import pitwall.track.Experiment;
import pitwall.track.MlflowTags;
import pitwall.track.PitwallTags;
import pitwall.track.RunFilter;
import pitwall.track.RunRecord;
import pitwall.track.Tracker;
import pitwall.track.TrackingException;

/**
 * Re-executes a recorded experiment run from its recorded spec and data snapshot, and compares every summary
 * metric of every variant with the original. Doubles are compared exactly: the same code, data and seed must give
 * the same numbers, and any drift is worth knowing about.
 */
public final class Rerun {

    /** One metric that came out differently (NaN stands for "missing on one side"). */
    public record Difference(String variant, String metric, double original, double rerun) {
        @Override
        public String toString() {
            return variant + " " + metric + ": original " + original + ", rerun " + rerun;
        }
    }

    /** The rerun and how it compares; {@link #identical()} when nothing differs. */
    public record Outcome(String originalRunId, ExperimentResult rerun, List<Difference> differences,
                          Set<String> notRecorded) {
        public Outcome {
            differences = List.copyOf(differences);
            notRecorded = Set.copyOf(notRecorded);
        }

        public boolean identical() {
            return differences.isEmpty();
        }
    }

    private Rerun() {
    }

    /** Reads run {@code runId} (an experiment's parent run) from the tracker, runs it again, compares. */
    public static Outcome of(Tracker tracker, String runId, ExperimentRunner runner) {
        RunRecord original = tracker.getRun(runId);
        String role = original.tag(PitwallTags.ROLE).orElse("");
        if (!role.equals(PitwallTags.ROLE_EXPERIMENT)) {
            String parent = original.parentRunId().orElse(null);
            throw new SpecException("run " + runId + " is not an experiment run of pitwall (tag "
                    + PitwallTags.ROLE + "=" + (role.isEmpty() ? "missing" : role) + ")"
                    + (parent != null ? "; it is a child of run " + parent + ", rerun that one" : ""));
        }
        ExperimentSpec spec = recordedSpec(tracker, runId);
        if (spec.data().snapshot() == null) {
            throw new SpecException("run " + runId + " recorded no data snapshot; it cannot be rerun on the same data");
        }
        ExperimentResult rerun = runner.run(spec, Map.of(PitwallTags.RERUN_OF, runId));

        Experiment experiment = tracker.experiments().stream()
                .filter(e -> e.id().equals(original.info().experimentId())).findFirst()
                .orElseThrow(() -> new TrackingException("experiment " + original.info().experimentId()
                        + " of run " + runId + " is gone", "RESOURCE_DOES_NOT_EXIST"));
        List<RunRecord> children = tracker.searchRuns(experiment, RunFilter.tag(MlflowTags.PARENT_RUN_ID, runId));

        List<Difference> differences = new ArrayList<>();
        Set<String> notRecorded = new TreeSet<>();
        for (VariantResult variant : rerun.backtest().variants()) {
            RunRecord child = children.stream()
                    .filter(c -> c.tag(PitwallTags.VARIANT).orElse("").equals(variant.name()))
                    .findFirst().orElse(null);
            rerun.metricsOf(variant.name()).forEach((metric, now) -> {
                OptionalDouble was = child == null ? OptionalDouble.empty() : child.metric(metric);
                if (child != null && was.isEmpty()) {
                    // A metric this build computes that the original's build did not (NaN is recorded as such).
                    notRecorded.add(metric);
                    return;
                }
                double before = was.isPresent() ? was.getAsDouble() : Double.NaN;
                if (Double.compare(before, now) != 0) {
                    differences.add(new Difference(variant.name(), metric, before, now));
                }
            });
        }
        String winnerBefore = original.tag(PitwallTags.WINNER).orElse("");
        String winnerNow = rerun.comparison().winner().name();
        if (!winnerBefore.equals(winnerNow)) {
            differences.add(new Difference("winner: " + winnerBefore + " -> " + winnerNow, "winner", Double.NaN,
                    Double.NaN));
        }
        return new Outcome(runId, rerun, differences, notRecorded);
    }

    /** The newest finished experiment run of the spec's experiment in the tracker, if any. */
    public static Optional<RunRecord> newestRun(Tracker tracker, String specName) {
        Optional<Experiment> experiment = tracker.experiments().stream()
                .filter(e -> e.name().equals(specName)).findFirst();
        return experiment.flatMap(e -> tracker.searchRuns(e, RunFilter.tag(PitwallTags.ROLE,
                        PitwallTags.ROLE_EXPERIMENT)).stream()
                .filter(r -> r.info().status().name().equals("FINISHED"))
                .max(Comparator.comparingLong(r -> r.info().startTime())));
    }

    /** The spec a run recorded as its {@value ExperimentRunner#SPEC_ARTIFACT} artifact. */
    public static ExperimentSpec recordedSpec(Tracker tracker, String runId) {
        byte[] bytes;
        try {
            bytes = tracker.readArtifact(runId, ExperimentRunner.SPEC_ARTIFACT);
        } catch (TrackingException e) {
            throw new SpecException("run " + runId + " has no " + ExperimentRunner.SPEC_ARTIFACT + " artifact ("
                    + e.getMessage() + "); only runs made by `pitwall experiment run` can be rerun", e);
        }
        return ExperimentSpec.parse(new String(bytes, StandardCharsets.UTF_8),
                "run " + runId + "/" + ExperimentRunner.SPEC_ARTIFACT);
    }
}
