package pitwall.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Every pre-race feature in one place: name, meaning, window, missing-value rule, and how it is computed. The two
 * {@link FeatureSet}s are views of this list: {@link #preQualifying()} (nothing of the race itself) and
 * {@link #postQualifying()} (adds the race's grid and qualifying).
 *
 * <p>Words as in {@link #GLOSSARY}.
 */
public final class FeatureCatalogue {

    public static final String PRE_QUALIFYING = "pre-qualifying";
    public static final String POST_QUALIFYING = "post-qualifying";

    private static final String FIELD_MIDDLE = "the field middle ((entrants + 1) / 2)";
    private static final String FIELD_DNF = "the field's DNF rate over the last 20 GPs";
    private static final String STANDINGS_SO_FAR = "this season, standings after its latest earlier race";
    private static final String NO_QUALI_TIME = "no time (or one over twice the pole time, a data error): the"
            + " slowest gap of the field, 0 if no one has a time; qualiTimeMissing = 1";

    private static final List<Feature> ALL = List.of(
            // ---- experience and driver form
            pre("starts", "Grands Prix the driver started (non-qualifications and withdrawals excluded)",
                    "career", "0 on debut", EntrantView::starts),
            pre("lastFinish", "finishing position (positionOrder) in the driver's previous GP",
                    "previous GP entry, any season", FIELD_MIDDLE + " on debut", EntrantView::lastFinish),
            pre("avgFinish3", "mean finishing position over the driver's last 3 GPs",
                    "last 3 GP entries (fewer if fewer)", FIELD_MIDDLE + " on debut", v -> v.avgFinish(3)),
            pre("avgFinish5", "mean finishing position over the driver's last 5 GPs",
                    "last 5 GP entries (fewer if fewer)", FIELD_MIDDLE + " on debut", v -> v.avgFinish(5)),
            pre("avgFinish10", "mean finishing position over the driver's last 10 GPs",
                    "last 10 GP entries (fewer if fewer)", FIELD_MIDDLE + " on debut", v -> v.avgFinish(10)),
            pre("relativeFinish5", "mean (position - 1) / (entrants - 1): 0 = won, 1 = last; comparable across eras",
                    "last 5 GP entries", "0.5 on debut", EntrantView::relativeFinish5),
            pre("dnfRate10", "share of the driver's starts not classified", "last 10 starts",
                    FIELD_DNF + " before his first start", EntrantView::dnfRate10),
            pre("avgGrid5", "mean starting slot, a pit-lane start counted behind the last slot",
                    "last 5 starts", FIELD_MIDDLE + " before his first start", EntrantView::avgGrid5),
            pre("teammateBeatRate10", "share of teammates the driver finished ahead of, per GP",
                    "last 10 GPs in which he had a teammate", "0.5 without such a GP",
                    EntrantView::teammateBeatRate10),
            // ---- this season
            pre("championshipPoints", "drivers' championship points after the previous round of this season",
                    STANDINGS_SO_FAR, "0 at round 1 or before his first points",
                    EntrantView::championshipPoints),
            pre("championshipPosition", "drivers' championship position after the previous round of this season",
                    STANDINGS_SO_FAR, "entrants of this race (the back) at round 1 or when not in the standings",
                    EntrantView::championshipPosition),
            pre("pointsPerStart", "championshipPoints / the driver's GP starts this season", "this season",
                    "0 before his first start of the season", EntrantView::pointsPerStart),
            pre("seasonAvgFinish", "mean finishing position in this season's earlier GPs", "this season",
                    "avgFinish5 before his first GP of the season", EntrantView::seasonAvgFinish),
            pre("sprintAvgFinish", "mean finishing position in sprints of earlier events this season",
                    "this season's earlier sprints (never this weekend's)",
                    "seasonAvgFinish without an earlier sprint", EntrantView::sprintAvgFinish),
            pre("seasonRacesRun", "GPs of this season already run (0 at round 1): how much the season features know",
                    "this season", "never missing", EntrantView::seasonRacesRun),
            // ---- circuit history
            pre("circuitStarts", "the driver's earlier GP starts at this circuit", "career at this circuit",
                    "0 on a first visit", EntrantView::circuitStarts),
            pre("circuitAvgFinish", "the driver's mean finishing position at this circuit",
                    "his last 5 GP entries at this circuit", "avgFinish10 on a first visit",
                    EntrantView::circuitAvgFinish),
            pre("teamCircuitAvgFinish", "the team's mean finishing position at this circuit (cars averaged per GP)",
                    "the team's last 3 GPs at this circuit", "teamAvgFinish5 on a first visit",
                    EntrantView::teamCircuitAvgFinish),
            // ---- team
            pre("teamAvgFinish5", "the constructor's mean finishing position (cars averaged per GP)",
                    "the team's last 5 GPs", FIELD_MIDDLE + " for a new team", EntrantView::teamAvgFinish5),
            pre("teamDnfRate10", "share of the constructor's starting cars not classified (averaged per GP)",
                    "the team's last 10 GPs", FIELD_DNF + " for a new team", EntrantView::teamDnfRate10),
            pre("teamStarts", "Grands Prix the constructor entered", "all seasons", "0 for a new team",
                    EntrantView::teamStarts),
            pre("teamChampionshipPoints", "constructors' championship points after the previous round",
                    STANDINGS_SO_FAR, "0 at round 1, before 1958, or before the team's first points",
                    EntrantView::teamChampionshipPoints),
            pre("teamChampionshipPosition", "constructors' championship position after the previous round",
                    STANDINGS_SO_FAR, "teams in this race (the back) at round 1 or when not in the standings",
                    EntrantView::teamChampionshipPosition),
            pre("teamPointsPerRace", "teamChampionshipPoints / the team's GPs this season", "this season",
                    "0 before the team's first GP of the season", EntrantView::teamPointsPerRace),
            pre("fieldSize", "entrants of this race (its entry list)", "this race's entry list", "never missing",
                    v -> v.race().fieldSize()),
            // ---- this race's qualifying and grid
            post("grid", "starting slot in this race; a pit-lane start (0) is entrants + 1, behind the last slot",
                    "this race", "upcoming race without a published grid: qualiPosition, else " + FIELD_MIDDLE,
                    EntrantView::grid),
            post("qualiPosition", "qualifying position in this race", "this race's qualifying",
                    "no qualifying row: grid (pit lane = entrants + 1), else " + FIELD_MIDDLE,
                    EntrantView::qualiPosition),
            post("qualiGapMs", "best of the driver's Q1/Q2/Q3 laps minus the fastest lap of qualifying (pole), ms;"
                    + " a session in other conditions (wet Q1, dry Q3) inflates it",
                    "this race's qualifying", NO_QUALI_TIME, EntrantView::qualiGapMs),
            post("qualiGapPct", "qualiGapMs in percent of the pole time", "this race's qualifying",
                    NO_QUALI_TIME, EntrantView::qualiGapPct),
            post("qualiTimeMissing", "1 when the driver has no usable qualifying time in this race, else 0",
                    "this race's qualifying", "never missing (it is the indicator)", EntrantView::qualiTimeMissing),
            post("qualiGapToTeammatePct", "qualiGapPct minus the best teammate's qualiGapPct",
                    "this race's qualifying", "0 without a teammate in the entry list",
                    EntrantView::qualiGapToTeammatePct));

    private static final Map<String, Feature> BY_NAME = index(ALL);
    private static final FeatureSet PRE = new FeatureSet(PRE_QUALIFYING,
            ALL.stream().filter(f -> !f.postQualifying()).map(Feature::def).toList());
    private static final FeatureSet POST = new FeatureSet(POST_QUALIFYING, ALL.stream().map(Feature::def).toList());

    /** How to read the catalogue's words; printed with it. */
    public static final String GLOSSARY = "GP = Grand Prix. An entry is any result row of a GP; a non-qualification"
            + " is an entry (at the back) but not a start. Positions are Ergast's positionOrder. Windows count"
            + " only races that started before this one (by date and time).";

    private FeatureCatalogue() {}

    /** Everything known before qualifying: history up to the previous race, the entry list, the calendar. */
    public static FeatureSet preQualifying() {
        return PRE;
    }

    /** {@link #preQualifying()} plus the race's grid and qualifying. */
    public static FeatureSet postQualifying() {
        return POST;
    }

    /** The set named {@value #PRE_QUALIFYING} or {@value #POST_QUALIFYING} (also "pre" and "post"). */
    public static FeatureSet set(String name) {
        return switch (name) {
            case PRE_QUALIFYING, "pre" -> PRE;
            case POST_QUALIFYING, "post" -> POST;
            default -> throw new IllegalArgumentException("no feature set '" + name + "'; use " + PRE_QUALIFYING
                    + " or " + POST_QUALIFYING);
        };
    }

    /** Every feature definition, in catalogue order. */
    public static List<FeatureDef> defs() {
        return POST.defs();
    }

    /** True when the feature reads the race's own grid or qualifying (only post-qualifying sets may hold it). */
    public static boolean isPostQualifying(String feature) {
        return lookup(feature).postQualifying();
    }

    /** The computations of a set's features, in its order; any subset of the catalogue is a valid set. */
    static List<Feature> features(FeatureSet set) {
        List<Feature> features = new ArrayList<>(set.size());
        for (FeatureDef def : set.defs()) {
            features.add(lookup(def.name()));
        }
        return features;
    }

    private static Feature lookup(String name) {
        Feature feature = BY_NAME.get(name);
        if (feature == null) {
            throw new IllegalArgumentException("feature '" + name + "' is not in the catalogue " + BY_NAME.keySet());
        }
        return feature;
    }

    private static Feature pre(String name, String meaning, String window, String missing,
                               ToDoubleFunction<EntrantView> value) {
        return new Feature(new FeatureDef(name, meaning, window, missing), false, value);
    }

    private static Feature post(String name, String meaning, String window, String missing,
                                ToDoubleFunction<EntrantView> value) {
        return new Feature(new FeatureDef(name, meaning, window, missing), true, value);
    }

    private static Map<String, Feature> index(List<Feature> features) {
        Map<String, Feature> byName = new LinkedHashMap<>();
        for (Feature f : features) {
            if (byName.put(f.name(), f) != null) {
                throw new IllegalStateException("feature " + f.name() + " is catalogued twice");
            }
        }
        return byName;
    }
}
