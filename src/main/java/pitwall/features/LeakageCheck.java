package pitwall.features;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import pitwall.data.Driver;
import pitwall.data.Race;
import pitwall.data.SeasonData;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The point-in-time check of one race, shown rather than asserted: the race's feature rows computed three ways,
 * which must be identical.
 * <ol>
 *   <li>{@code asRun}: from the whole history, as the experiments compute them;</li>
 *   <li>{@code beforeStart}: from the history as it stood before the race started ({@link HistoryEdits#before}),
 *       with the race's entry list (and, post-qualifying, its qualifying and grid) as known before the start;</li>
 *   <li>{@code otherOutcome}: from the whole history with another result of this very race
 *       ({@link HistoryEdits#withOtherOutcomes}).</li>
 * </ol>
 * Rows are in the same order (by driverId) in all three.
 */
public record LeakageCheck(Race race, FeatureSet set, List<EntrantRow> asRun, List<EntrantRow> beforeStart,
                           List<EntrantRow> otherOutcome, Map<Integer, String> drivers) {

    public LeakageCheck {
        Objects.requireNonNull(race, "race");
        Objects.requireNonNull(set, "set");
        asRun = List.copyOf(asRun);
        beforeStart = List.copyOf(beforeStart);
        otherOutcome = List.copyOf(otherOutcome);
        drivers = Map.copyOf(drivers);
    }

    /**
     * Computes the three versions of race {@code raceId}'s rows.
     *
     * @throws IllegalArgumentException when the race has no results in {@code history}: there is no outcome to
     *                                  leak, so nothing to check
     */
    public static LeakageCheck of(List<SeasonData> history, int raceId, FeatureSet set) {
        Race race = history.stream().flatMap(s -> s.races().stream()).filter(r -> r.raceId() == raceId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("race " + raceId + " is not in the history ("
                        + history.size() + " seasons)"));
        boolean withResults = history.stream().flatMap(s -> s.results().stream()).anyMatch(r -> r.raceId() == raceId);
        if (!withResults) {
            throw new IllegalArgumentException("race " + raceId + " (" + race.year() + " round " + race.round()
                    + ", " + race.name() + ") has no results yet; check a race that has been run");
        }
        boolean post = set.defs().stream().anyMatch(d -> FeatureCatalogue.isPostQualifying(d.name()));
        List<EntrantRow> asRun = AsOfFeatures.rowsFor(history, raceId, set);
        // The entry list as published before the start: drivers, teams and, after qualifying, the grid.
        List<Entrant> entryList = asRun.stream()
                .map(r -> new Entrant(r.driverId(), r.constructorId(), post ? r.grid() : null)).toList();
        List<EntrantRow> beforeStart = AsOfFeatures.rowsFor(HistoryEdits.before(history, race, post), raceId, set,
                entryList);
        List<EntrantRow> otherOutcome = AsOfFeatures.rowsFor(
                HistoryEdits.withOtherOutcomes(history, id -> id == raceId), raceId, set);
        Map<Integer, String> names = new HashMap<>();
        history.forEach(s -> s.drivers().forEach(d -> names.put(d.driverId(), name(d))));
        return new LeakageCheck(race, set, asRun, beforeStart, otherOutcome, names);
    }

    /** True when every row is identical, value for value, in all three versions. */
    public boolean passed() {
        return asRun.size() == beforeStart.size() && asRun.size() == otherOutcome.size()
                && asRun.size() == matching(beforeStart) && asRun.size() == matching(otherOutcome);
    }

    /** True when the edited result really differs from the actual one (else the third version proves nothing). */
    public boolean outcomeChanged() {
        return asRun.size() == otherOutcome.size() && IntStream.range(0, asRun.size())
                .anyMatch(i -> !Objects.equals(asRun.get(i).positionOrder(), otherOutcome.get(i).positionOrder()));
    }

    /**
     * One row per entrant: driver, actual finish and the finish in the edited history, whether the feature values
     * before the start and with the other outcome equal those as run, and the largest absolute difference of any
     * feature (0 when equal).
     */
    public Table toTable() {
        IntColumn driverId = IntColumn.create("driverId");
        StringColumn driver = StringColumn.create("driver");
        IntColumn finish = IntColumn.create("finish");
        IntColumn editedFinish = IntColumn.create("finishInEditedResult");
        BooleanColumn sameBefore = BooleanColumn.create("sameBeforeStart");
        BooleanColumn sameOther = BooleanColumn.create("sameWithOtherResult");
        DoubleColumn maxDiff = DoubleColumn.create("maxAbsDifference");
        for (int i = 0; i < asRun.size(); i++) {
            EntrantRow row = asRun.get(i);
            EntrantRow before = i < beforeStart.size() ? beforeStart.get(i) : null;
            EntrantRow other = i < otherOutcome.size() ? otherOutcome.get(i) : null;
            driverId.append(row.driverId());
            driver.append(drivers.getOrDefault(row.driverId(), "driver " + row.driverId()));
            appendNullable(finish, row.positionOrder());
            appendNullable(editedFinish, other == null ? null : other.positionOrder());
            sameBefore.append(same(row, before));
            sameOther.append(same(row, other));
            maxDiff.append(Math.max(maxDifference(row, before), maxDifference(row, other)));
        }
        return Table.create(title(), driverId, driver, finish, editedFinish, sameBefore, sameOther, maxDiff);
    }

    /**
     * One row per feature: its value range over the race's entrants as run, and for how many entrants it is the
     * same before the start and with the other result.
     */
    public Table byFeature() {
        StringColumn feature = StringColumn.create("feature");
        DoubleColumn min = DoubleColumn.create("min"), max = DoubleColumn.create("max");
        IntColumn sameBefore = IntColumn.create("sameBeforeStart"), sameOther = IntColumn.create("sameWithOtherResult");
        IntColumn entrants = IntColumn.create("entrants");
        List<String> names = set.names();
        for (int f = 0; f < names.size(); f++) {
            int index = f;
            feature.append(names.get(f));
            min.append(asRun.stream().mapToDouble(r -> r.features()[index]).min().orElse(Double.NaN));
            max.append(asRun.stream().mapToDouble(r -> r.features()[index]).max().orElse(Double.NaN));
            entrants.append(asRun.size());
            sameBefore.append(sameCount(beforeStart, index));
            sameOther.append(sameCount(otherOutcome, index));
        }
        return Table.create(title() + " by feature", feature, min, max, entrants, sameBefore, sameOther);
    }

    /** e.g. "leakage check 2024 R6 Miami Grand Prix, post-qualifying (31 features): passed". */
    public String title() {
        return "leakage check " + race.year() + " R" + race.round() + " " + race.name() + ", " + set.name() + " ("
                + set.size() + " features): " + (passed() ? "passed" : "FAILED");
    }

    @Override
    public String toString() {
        return title() + ", " + asRun.size() + " entrants" + (outcomeChanged() ? "" : "; the edited result equals"
                + " the actual one, so the third version proves nothing");
    }

    private int matching(List<EntrantRow> other) {
        int n = 0;
        for (int i = 0; i < Math.min(asRun.size(), other.size()); i++) {
            n += same(asRun.get(i), other.get(i)) ? 1 : 0;
        }
        return n;
    }

    private int sameCount(List<EntrantRow> other, int feature) {
        int n = 0;
        for (int i = 0; i < Math.min(asRun.size(), other.size()); i++) {
            EntrantRow a = asRun.get(i), b = other.get(i);
            n += a.driverId() == b.driverId() && a.features()[feature] == b.features()[feature] ? 1 : 0;
        }
        return n;
    }

    private static boolean same(EntrantRow a, EntrantRow b) {
        return b != null && a.driverId() == b.driverId() && Arrays.equals(a.features(), b.features());
    }

    private static double maxDifference(EntrantRow a, EntrantRow b) {
        if (b == null || a.driverId() != b.driverId()) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int f = 0; f < a.features().length; f++) {
            max = Math.max(max, Math.abs(a.features()[f] - b.features()[f]));
        }
        return max;
    }

    private static void appendNullable(IntColumn column, Integer value) {
        if (value == null) {
            column.appendMissing();
        } else {
            column.append(value);
        }
    }

    private static String name(Driver d) {
        return d.code() == null ? d.fullName() : d.fullName() + " (" + d.code() + ")";
    }
}
