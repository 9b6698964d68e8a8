package pitwall.notebook;

import java.util.Comparator;
import java.util.List;
import pitwall.data.F1Frames;
import pitwall.data.Race;
import pitwall.data.SeasonData;
import pitwall.features.AsOfFeatures;
import pitwall.features.FeatureCatalogue;
import pitwall.features.FeatureFrames;
import pitwall.features.FeatureMatrix;
import pitwall.features.LeakageCheck;
import tech.tablesaw.api.Table;

/**
 * A range of seasons loaded through the Worker: as Tablesaw frames ({@link #frames()}), as the history features are
 * computed from ({@link #features}), and for the leakage check of one race. Immutable; the frames are built once.
 */
public final class Seasons {

    private final List<SeasonData> data;
    private volatile F1Frames frames;

    private Seasons(List<SeasonData> data) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no seasons loaded");
        }
        this.data = data.stream().sorted(Comparator.comparingInt(SeasonData::year)).toList();
    }

    /** Seasons already loaded (e.g. from a {@link pitwall.data.DataSnapshot}). */
    public static Seasons of(List<SeasonData> seasons) {
        return new Seasons(seasons);
    }

    /** The seasons, ascending by year. */
    public List<SeasonData> data() {
        return data;
    }

    public int fromYear() {
        return data.getFirst().year();
    }

    public int toYear() {
        return data.getLast().year();
    }

    /** Tablesaw tables of every season, one per Ergast table (see {@link F1Frames}). */
    public F1Frames frames() {
        F1Frames f = frames;
        if (f == null) {
            f = F1Frames.of(data);
            frames = f;
        }
        return f;
    }

    /**
     * Point-in-time features of every race of {@code fromYear..toYear} under the set {@code featureSet}
     * ({@value FeatureCatalogue#PRE_QUALIFYING} or {@value FeatureCatalogue#POST_QUALIFYING}). The seasons before
     * {@code fromYear} warm up the statistics: from 2000, every driver of 2014 on has his whole career.
     */
    public FeatureMatrix features(String featureSet, int fromYear, int toYear) {
        requireLoaded(fromYear, toYear);
        return AsOfFeatures.compute(data, FeatureCatalogue.set(featureSet), fromYear, toYear);
    }

    /** {@link #features} as a table: keys, one column per feature, then the labels (see {@link FeatureFrames}). */
    public Table featureTable(String featureSet, int fromYear, int toYear) {
        return FeatureFrames.toTable(features(featureSet, fromYear, toYear));
    }

    /** The race of a season's round; fails naming the rounds the season has. */
    public Race race(int year, int round) {
        SeasonData season = data.stream().filter(s -> s.year() == year).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("season " + year + " is not loaded; loaded: "
                        + fromYear() + "-" + toYear()));
        return season.races().stream().filter(r -> r.round() == round).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("season " + year + " has no round " + round
                        + "; it has rounds 1-" + season.races().size()));
    }

    /** The leakage check of one race: its rows as run, before its start, and with another result of it. */
    public LeakageCheck leakageCheck(int year, int round, String featureSet) {
        return LeakageCheck.of(data, race(year, round).raceId(), FeatureCatalogue.set(featureSet));
    }

    private void requireLoaded(int from, int to) {
        if (from > to || from < fromYear() || to > toYear()) {
            throw new IllegalArgumentException("features for " + from + "-" + to + " need those seasons loaded; "
                    + "loaded: " + fromYear() + "-" + toYear() + " (load earlier seasons as history too)");
        }
    }

    /** e.g. "Seasons[1990-2025: 36 seasons, 712 races, 15,000 results]". */
    @Override
    public String toString() {
        int races = data.stream().mapToInt(s -> s.races().size()).sum();
        int results = data.stream().mapToInt(s -> s.results().size()).sum();
        return "Seasons[" + fromYear() + "-" + toYear() + ": " + data.size() + " seasons, " + races + " races, "
                + results + " results]";
    }
}
