package pitwall.model;

/** Defaults shared by every variant. Hyperparameter defaults live in the {@link ParamTable} of each options record. */
public final class ModelDefaults {

    /** Seed of tree fitting and of the Monte Carlo position intervals. */
    public static final long SEED = 20_250_101L;

    private ModelDefaults() {
    }
}
