package pitwall.model;

/** Defaults shared by every variant, kept in one place. Per-variant hyperparameter defaults live in their options. */
public final class ModelDefaults {

    /** Seed of tree fitting and of the Monte Carlo position intervals. */
    public static final long SEED = 20_250_101L;

    private ModelDefaults() {
    }
}
