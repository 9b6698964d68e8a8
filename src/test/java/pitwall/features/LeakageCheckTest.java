package pitwall.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pitwall.data.Race;
import tech.tablesaw.api.Table;

/** The leakage check shown on one race, on the real data. */
class LeakageCheckTest {

    @Test
    void miami2024PostQualifyingIsTheSameBeforeTheStartAndWithAnotherResult() {
        Race miami = RealHistory.race(2024, 6);
        LeakageCheck check = LeakageCheck.of(RealHistory.seasons(), miami.raceId(), FeatureCatalogue.postQualifying());
        assertTrue(check.passed(), check::toString);
        assertTrue(check.outcomeChanged(), "the edited result must differ from the real one");
        assertEquals(20, check.asRun().size());
        assertTrue(check.beforeStart().stream().noneMatch(EntrantRow::hasOutcome), "no result known before the start");

        Table table = check.toTable();
        assertEquals(20, table.rowCount());
        assertEquals(20, table.booleanColumn("sameBeforeStart").countTrue());
        assertEquals(20, table.booleanColumn("sameWithOtherResult").countTrue());
        assertEquals(0.0, table.doubleColumn("maxAbsDifference").max());
        // Norris won Miami 2024; in the edited result he is last of 20.
        int norris = RealHistory.driverId("norris");
        int row = table.intColumn("driverId").indexOf(norris);
        assertEquals(1, table.intColumn("finish").get(row));
        assertEquals(20, table.intColumn("finishInEditedResult").get(row));
        assertTrue(table.name().endsWith("passed"), table.name());

        Table byFeature = check.byFeature();
        assertEquals(FeatureCatalogue.postQualifying().size(), byFeature.rowCount());
        assertEquals(20 * byFeature.rowCount(), (int) byFeature.intColumn("sameBeforeStart").sum());
        assertEquals(20 * byFeature.rowCount(), (int) byFeature.intColumn("sameWithOtherResult").sum());
    }

    @Test
    void aRowThatDiffersFailsTheCheckAndShowsWhere() {
        Race race = RealHistory.race(2023, 10);
        LeakageCheck real = LeakageCheck.of(RealHistory.seasons(), race.raceId(), FeatureCatalogue.preQualifying());
        List<EntrantRow> leaked = new ArrayList<>(real.beforeStart());
        EntrantRow first = leaked.getFirst();
        double[] values = first.features().clone();
        values[0] += 1; // as if a feature had seen this race
        leaked.set(0, new EntrantRow(first.raceId(), first.year(), first.round(), first.start(), first.driverId(),
                first.constructorId(), first.grid(), first.positionOrder(), first.classified(), values));
        LeakageCheck broken = new LeakageCheck(real.race(), real.set(), real.asRun(), leaked, real.otherOutcome(),
                real.drivers());
        assertFalse(broken.passed());
        Table table = broken.toTable();
        assertEquals(table.rowCount() - 1, table.booleanColumn("sameBeforeStart").countTrue());
        assertEquals(1.0, table.doubleColumn("maxAbsDifference").max());
        assertTrue(table.name().endsWith("FAILED"), table.name());
        assertNotEquals(table.rowCount(), (int) broken.byFeature().intColumn("sameBeforeStart").get(0));
    }

    @Test
    void aRaceWithoutResultsHasNothingToCheck() {
        Race upcoming = RealHistory.race(2025, 19);
        var e = assertThrows(IllegalArgumentException.class,
                () -> LeakageCheck.of(RealHistory.seasons(), upcoming.raceId(), FeatureCatalogue.preQualifying()));
        assertTrue(e.getMessage().contains("no results yet"), e.getMessage());
    }
}
