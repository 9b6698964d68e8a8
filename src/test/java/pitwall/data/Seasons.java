package pitwall.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Small seasons for frame and snapshot tests. */
final class Seasons {

    private Seasons() {}

    /** Two rounds of 2024 from {@link Fixtures#SEASON_2024}. */
    static SeasonData s2024() {
        try {
            return Json.MAPPER.readValue(Fixtures.SEASON_2024, SeasonData.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One sprint weekend of 2025 with a 2025-style retirement (numeric position, positionText "R") and a driver
     * also in 2024 (Verstappen, 830) whose number changed.
     */
    static SeasonData s2025() {
        var race = new Race(1149, 2025, 5, 77, "Saudi Arabian Grand Prix", LocalDate.of(2025, 4, 20),
                LocalTime.of(17, 0), LocalDate.of(2025, 4, 19), LocalTime.of(17, 0), LocalDate.of(2025, 4, 19),
                LocalTime.of(13, 0), "https://en.wikipedia.org/wiki/2025_Saudi_Arabian_Grand_Prix");
        var ver = new Driver(830, "max_verstappen", 1, "VER", "Max", "Verstappen", LocalDate.of(1997, 9, 30),
                "Dutch");
        var pia = new Driver(857, "piastri", 81, "PIA", "Oscar", "Piastri", LocalDate.of(2001, 4, 6), "Australian");
        var results = List.of(
                new RaceResult(26892, 1149, 857, 1, 81, 2, 1, "1", 1, 25, 50, "1:21:06.758", 4866758, 42, 2,
                        "1:31.778", null, 1, "Finished", true),
                new RaceResult(26893, 1149, 830, 9, 1, 1, 2, "2", 2, 18, 50, "+2.843", 4869601, 41, 4, "1:31.949",
                        null, 1, "Finished", true),
                new RaceResult(26910, 1149, 842, 214, 10, 0, 20, "R", 20, 0, 0, null, null, null, null, null, null,
                        3, "Accident", false));
        var sprint = List.of(new RaceResult(401, 1149, 830, 9, 1, 1, 1, "1", 1, 8, 19, "30:12.345", 1812345, 10,
                null, "1:33.001", null, 1, "Finished", true));
        return new SeasonData(2025, List.of(race), results, sprint,
                List.of(new QualifyingResult(10630, 1149, 830, 9, 1, 1, 87481, 87102, 87294)),
                List.of(new DriverStanding(73000, 1149, 857, 99, 1, "1", 3),
                        new DriverStanding(73001, 1149, 830, 87, 3, "3", 2)),
                List.of(new ConstructorStanding(29000, 1149, 1, 188, 1, "1", 4)),
                List.of(ver, pia, new Driver(842, "gasly", 10, "GAS", "Pierre", "Gasly", LocalDate.of(1996, 2, 7),
                        "French")),
                List.of(new Constructor(1, "mclaren", "McLaren", "British"),
                        new Constructor(9, "red_bull", "Red Bull", "Austrian"),
                        new Constructor(214, "alpine", "Alpine F1 Team", "French")),
                List.of(new Circuit(77, "jeddah", "Jeddah Corniche Circuit", "Jeddah", "Saudi Arabia", 21.6319,
                        39.1044, 15)),
                List.of(new Status(1, "Finished"), new Status(3, "Accident")));
    }

    /** The same season with every list in a random order. */
    static SeasonData shuffled(SeasonData s, long seed) {
        Random r = new Random(seed);
        return new SeasonData(s.year(), shuffle(s.races(), r), shuffle(s.results(), r), shuffle(s.sprintResults(), r),
                shuffle(s.qualifying(), r), shuffle(s.driverStandings(), r), shuffle(s.constructorStandings(), r),
                shuffle(s.drivers(), r), shuffle(s.constructors(), r), shuffle(s.circuits(), r),
                shuffle(s.status(), r));
    }

    private static <T> List<T> shuffle(List<T> rows, Random r) {
        List<T> copy = new ArrayList<>(rows);
        Collections.shuffle(copy, r);
        return copy;
    }
}
