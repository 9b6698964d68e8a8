package pitwall.track;

/**
 * The {@code pitwall.*} run tags: the one place their names are spelled, because the experiment writes them and
 * export, rerun and the registry read them back (a typo on either side would silently find nothing).
 */
public final class PitwallTags {

    /** What a run is: {@link #ROLE_EXPERIMENT} (the parent of one experiment) or {@link #ROLE_VARIANT} (a child). */
    public static final String ROLE = "pitwall.role";
    /** {@link #ROLE} of the parent run of one experiment. */
    public static final String ROLE_EXPERIMENT = "experiment";
    /** {@link #ROLE} of the child run of one variant. */
    public static final String ROLE_VARIANT = "variant";
    /** A hyperparameter sweep's parent run; its children are trials. */
    public static final String ROLE_SWEEP = "sweep";
    public static final String ROLE_TRIAL = "trial";
    /** The trial's number in its sweep (1-based, in draw order). */
    public static final String TRIAL = "pitwall.trial";
    /** On a sweep's parent: the run id of its best trial. */
    public static final String BEST_TRIAL = "pitwall.bestTrial";
    /** Why a run failed (a failed trial keeps its run, with this tag). */
    public static final String ERROR = "pitwall.error";
    /** On a rerun's parent: the run id it repeated. */
    public static final String RERUN_OF = "pitwall.rerunOf";
    /** On a parent run: the name of the variant that won on the primary metric. */
    public static final String WINNER = "pitwall.winner";
    /** On a parent run and on a registered model: the feature set, {@code pre-qualifying} or {@code post-qualifying}. */
    public static final String FEATURE_SET = "pitwall.featureSet";
    /** On a child run and on a model version: the variant's name in the spec. */
    public static final String VARIANT = "pitwall.variant";
    /** On a child run: {@link #KIND_MODEL} for a learned variant, {@link #KIND_BASELINE} for a fixed rule. */
    public static final String KIND = "pitwall.kind";
    /** {@link #KIND} of a learned variant (the only kind an export may pick). */
    public static final String KIND_MODEL = "model";
    /** {@link #KIND} of a baseline such as the grid order. */
    public static final String KIND_BASELINE = "baseline";
    /** On a model version: the bundle's version. */
    public static final String BUNDLE_VERSION = "pitwall.version";
    /** Provenance: the sha256 of the data snapshot the run read. */
    public static final String DATA_SNAPSHOT = "pitwall.data.snapshot";
    /** Provenance: the seed of every random draw of the run. */
    public static final String SEED = "pitwall.seed";
    /** Provenance: the JDK's {@code Runtime.version()}. */
    public static final String JAVA = "pitwall.java";
    /** Provenance: operating system name and version. */
    public static final String OS = "pitwall.os";
    /** Provenance: CPU architecture ({@code os.arch}). */
    public static final String ARCH = "pitwall.arch";
    /** Provenance: prefix of one tag per library version, e.g. {@code pitwall.lib.smile}. */
    public static final String LIBRARY_PREFIX = "pitwall.lib.";

    private PitwallTags() {
    }
}
