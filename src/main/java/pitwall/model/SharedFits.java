package pitwall.model;

import java.lang.ref.SoftReference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;

/**
 * Ensemble members' scorer fits, shared within one backtest. An {@code average} or {@code stacked} variant fits its
 * members on exactly the rows the member's own variant already fitted (the step's training rows and the temperature
 * probe's earlier races), and a stack's out-of-fold blocks are the training rows of earlier steps. Fits are
 * deterministic (hyperparameters and seed fixed in the trainer, RNG seeded per fit), so a shared fit <i>is</i> the fit:
 * results are identical with or without sharing, only the time changes.
 *
 * <p>Only the members of the ensembles passed to {@link #forMembersOf} are kept, held softly: under memory pressure
 * the JVM may drop one, and it is then fitted again. A fit under way is waited for, not repeated.
 *
 * <pre>{@code
 * SharedFits fits = SharedFits.forMembersOf(trainers);
 * RankingModel model = fits.within(() -> trainer.fit(set, rows));
 * }</pre>
 */
public final class SharedFits {

    /** No sharing: every fit runs. */
    public static final SharedFits NONE = new SharedFits(Set.of());

    // Ensembles are reached through RankingTrainer.fit, a public interface without a context parameter; the fits
    // in use travel beside the call instead, bound per task by whoever runs the fit.
    private static final ScopedValue<SharedFits> CURRENT = ScopedValue.newInstance();

    /** What a scorer fit depends on: the trainer's {@link ScoringTrainer#scorerKey()}, the feature set, the rows. */
    private record Key(Object scorer, FeatureSet set, List<EntrantRow> rows) {
    }

    private final Set<Object> shared;
    private final ConcurrentHashMap<Key, CompletableFuture<SoftReference<RaceScorer>>> fits = new ConcurrentHashMap<>();

    private SharedFits(Set<Object> shared) {
        this.shared = shared;
    }

    /** Sharing for the members of every {@code average} and {@code stacked} trainer among {@code trainers}. */
    public static SharedFits forMembersOf(List<? extends RankingTrainer> trainers) {
        Set<Object> members = trainers.stream().flatMap(t -> switch (t) {
            case AverageTrainer average -> average.members().stream();
            case StackedTrainer stacked -> stacked.members().stream();
            default -> Stream.<ScoringTrainer>empty();
        }).map(ScoringTrainer::scorerKey).collect(Collectors.toUnmodifiableSet());
        return members.isEmpty() ? NONE : new SharedFits(members);
    }

    /** Runs {@code work} (e.g. a trainer's fit) with these fits shared by the ensemble members it fits. */
    public <T> T within(Supplier<T> work) {
        return ScopedValue.where(CURRENT, this).call(work::get);
    }

    /** The fits bound by {@link #within} on this thread, else {@link #NONE}. */
    static SharedFits current() {
        return CURRENT.orElse(NONE);
    }

    /** How many distinct fits are held or under way (for tests). */
    int size() {
        return fits.size();
    }

    /** {@code trainer}'s scorer on {@code rows}: fitted once per distinct (scorer, set, rows) when shared. */
    RaceScorer fit(ScoringTrainer trainer, FeatureSet set, List<EntrantRow> rows) {
        Object scorerKey = trainer.scorerKey();
        if (!shared.contains(scorerKey)) {
            return trainer.fitScorer(set, rows);
        }
        Key key = new Key(scorerKey, set, List.copyOf(rows));
        while (true) {
            CompletableFuture<SoftReference<RaceScorer>> mine = new CompletableFuture<>();
            CompletableFuture<SoftReference<RaceScorer>> earlier = fits.putIfAbsent(key, mine);
            if (earlier == null) {
                try {
                    RaceScorer scorer = trainer.fitScorer(set, rows);
                    mine.complete(new SoftReference<>(scorer));
                    return scorer;
                } catch (RuntimeException | Error e) {
                    fits.remove(key, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
            RaceScorer scorer;
            try {
                scorer = earlier.join().get();
            } catch (CompletionException e) {
                scorer = null; // that fit failed: fit here, so the failure (if any) is this caller's own
            }
            if (scorer != null) {
                return scorer;
            }
            fits.remove(key, earlier); // dropped under memory pressure, or failed: fit again
        }
    }
}
