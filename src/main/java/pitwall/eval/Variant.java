package pitwall.eval;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;
import pitwall.model.RankingModel;
import pitwall.model.RankingTrainer;

/**
 * One contestant of a backtest: a trainer and whether it is a learned model or a reference baseline. Baselines may be
 * fitted on no races at all (the first season of the data); models may not.
 */
public record Variant(String name, Kind kind, RankingTrainer trainer) {

    /** A learned model or a non-ML reference. */
    public enum Kind {
        MODEL, BASELINE;

        /** {@code model} or {@code baseline}, as written in tables and CSV. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Variant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trainer, "trainer");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a variant needs a name; trainer " + trainer + " returned a blank one");
        }
    }

    public static Variant model(RankingTrainer trainer) {
        return new Variant(trainer.name(), Kind.MODEL, trainer);
    }

    public static Variant baseline(RankingTrainer trainer) {
        return new Variant(trainer.name(), Kind.BASELINE, trainer);
    }

    /**
     * A baseline used as it is, never fitted: every fit returns the same model. (For a class that is both model and
     * trainer, such as the grid baseline, {@link #baseline(RankingTrainer)} fits it; this does not.)
     */
    public static Variant fixedBaseline(RankingModel fixed) {
        return new Variant(fixed.name(), Kind.BASELINE, new Fixed(fixed));
    }

    public boolean isBaseline() {
        return kind == Kind.BASELINE;
    }

    /** Wraps an untrained model as a trainer. */
    private record Fixed(RankingModel model) implements RankingTrainer {
        @Override
        public String name() {
            return model.name();
        }

        @Override
        public RankingModel fit(FeatureSet set, List<EntrantRow> training) {
            return model;
        }
    }
}
