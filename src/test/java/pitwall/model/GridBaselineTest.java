package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import pitwall.features.EntrantRow;

class GridBaselineTest {

    @Test
    void ordersByGridWithPitLaneLastAndTiesByDriverId() {
        List<EntrantRow> race = List.of(
                Rows.entrant(7, 101, 0),   // pit lane
                Rows.entrant(7, 102, 3),
                Rows.entrant(7, 103, 1),
                Rows.entrant(7, 104, 0),   // pit lane, higher driverId
                Rows.entrant(7, 99, 3),    // same slot as 102 (bad data): lower driverId first
                Rows.entrant(7, 105, 2));

        RacePrediction prediction = GridBaseline.of().predict(race);

        assertEquals(List.of(103, 105, 99, 102, 101, 104), prediction.order());
        assertEquals("grid", prediction.model());
        Coherence.assertCoherent(prediction);
    }

    @Test
    void fitKeepsTheOrderAndLearnsATemperature() {
        List<EntrantRow> training = Synthetic.gridRaces(60, 20, 1L);
        GridBaseline fitted = GridBaseline.of().fit(Synthetic.GRID_SET, training);

        List<EntrantRow> race = Synthetic.gridRaces(1, 20, 99L);
        RacePrediction prediction = fitted.predict(race);
        for (int i = 0; i < prediction.entrants().size() - 1; i++) {
            assertEquals(true, prediction.entrants().get(i).winProb() >= prediction.entrants().get(i + 1).winProb());
        }
        Coherence.assertCoherent(prediction);
    }

    @Test
    void upcomingRaceWithoutRawGridFallsBackToTheGridFeature() {
        GridBaseline fitted = GridBaseline.of().fit(Synthetic.GRID_SET, Synthetic.gridRaces(20, 20, 1L));
        List<EntrantRow> race = Synthetic.gridRaces(21, 20, 1L).subList(20 * 20, 21 * 20).stream()
                .map(r -> new EntrantRow(r.raceId(), r.year(), r.round(), r.start(), r.driverId(), r.constructorId(),
                        null, null, null, r.features()))
                .toList();
        RacePrediction prediction = fitted.predict(race);
        int gridIndex = Synthetic.GRID_SET.index("grid");
        for (int i = 0; i < race.size(); i++) {
            EntrantRow row = race.get(i);
            assertEquals((int) row.features()[gridIndex], prediction.order().indexOf(row.driverId()) + 1);
        }
    }

    @Test
    void fitsOnNoRacesAtAll() {
        // The backtest fits baselines on the first season with no history before it.
        RacePrediction prediction = GridBaseline.of().fit(Synthetic.GRID_SET, List.of())
                .predict(List.of(Rows.entrant(1, 1, 2), Rows.entrant(1, 2, 1)));
        assertEquals(List.of(2, 1), prediction.order());
        Coherence.assertCoherent(prediction);
    }
}
