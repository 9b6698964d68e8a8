package pitwall.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/** Fitting and describing the members of an ensemble. */
final class EnsembleMembers {

    private EnsembleMembers() {
    }

    /**
     * Fits every member's scorer, two at a time: gradient boosting is sequential, so a second thread keeps the other
     * core busy. Each fit seeds its own (thread-local) Smile RNG, so the result does not depend on scheduling.
     * A member already fitted on these rows in this backtest ({@link SharedFits}) is reused.
     */
    static List<RaceScorer> fitAll(List<ScoringTrainer> members, FeatureSet set, List<EntrantRow> rows) {
        SharedFits fits = SharedFits.current(); // the pool's threads do not see the caller's binding
        if (members.size() == 1) {
            return List.of(fits.fit(members.getFirst(), set, rows));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(2, members.size()))) {
            List<Future<RaceScorer>> futures = new ArrayList<>();
            for (ScoringTrainer member : members) {
                futures.add(pool.submit(() -> fits.fit(member, set, rows)));
            }
            List<RaceScorer> scorers = new ArrayList<>();
            for (Future<RaceScorer> future : futures) {
                scorers.add(future.get());
            }
            return scorers;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting ensemble members", e);
        }
    }

    /** The members' kind names, in order. */
    static List<String> names(List<ScoringTrainer> members) {
        return members.stream().map(ScoringTrainer::name).toList();
    }

    /** Members' params prefixed by their kind, e.g. {@code rf-position.trees}, as {@link ModelCatalog} reads them. */
    static Map<String, String> params(List<ScoringTrainer> members) {
        Map<String, String> params = new LinkedHashMap<>();
        for (ScoringTrainer member : members) {
            String prefix = member.name() + ".";
            ModelCatalog.paramsOf(member).forEach((key, value) -> params.put(prefix + key, value));
        }
        return params;
    }
}
