package pitwall.notebook;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import pitwall.data.F1Frames;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * What the data holds, as Tablesaw tables computed from {@link F1Frames}: a season overview, wins by constructor,
 * and grid against finish. Entrants are a Grand Prix's rows of {@code results} (sprints apart); a DNF is an entrant
 * not classified; the winner is {@code positionOrder} 1.
 */
public final class DataOverview {

    private DataOverview() {}

    /**
     * One row per season: races on the calendar and run (with results), entrants, drivers, teams, classified
     * finishers, the DNF rate, sprints run, different winners, and how often the pole sitter won.
     */
    public static Table perSeason(F1Frames frames) {
        Map<Integer, Integer> yearOfRace = yearOfRace(frames);
        TreeMap<Integer, Season> seasons = new TreeMap<>();
        for (Row race : frames.races()) {
            seasons.computeIfAbsent(race.getInt("year"), Season::new).calendar++;
        }
        // Sprints run, from their results: the calendar's sprint dates are missing for some seasons.
        for (Row sprint : frames.sprintResults()) {
            seasons.get(yearOfRace.get(sprint.getInt("raceId"))).sprints.add(sprint.getInt("raceId"));
        }
        for (Row r : frames.results()) {
            Season s = seasons.get(yearOfRace.get(r.getInt("raceId")));
            s.racesRun.add(r.getInt("raceId"));
            s.entries++;
            s.drivers.add(r.getInt("driverId"));
            s.teams.add(r.getInt("constructorId"));
            s.classified += r.getBoolean("classified") ? 1 : 0;
            if (r.getInt("positionOrder") == 1) {
                s.winners.add(r.getInt("driverId"));
                s.poleWins += r.getInt("grid") == 1 ? 1 : 0;
            }
        }
        IntColumn year = IntColumn.create("year"), calendar = IntColumn.create("races"),
                run = IntColumn.create("racesRun"), entries = IntColumn.create("entries"),
                drivers = IntColumn.create("drivers"), teams = IntColumn.create("teams"),
                classified = IntColumn.create("classified"), sprints = IntColumn.create("sprints"),
                winners = IntColumn.create("differentWinners");
        DoubleColumn dnfRate = DoubleColumn.create("dnfRate"), poleWinRate = DoubleColumn.create("poleWinRate");
        for (Season s : seasons.values()) {
            year.append(s.year);
            calendar.append(s.calendar);
            run.append(s.racesRun.size());
            entries.append(s.entries);
            drivers.append(s.drivers.size());
            teams.append(s.teams.size());
            classified.append(s.classified);
            dnfRate.append(s.entries == 0 ? Double.NaN : 1 - s.classified / (double) s.entries);
            sprints.append(s.sprints.size());
            winners.append(s.winners.size());
            poleWinRate.append(s.racesRun.isEmpty() ? Double.NaN : s.poleWins / (double) s.racesRun.size());
        }
        dnfRate.setPrintFormatter(NumberColumnFormatter.percent(1));
        poleWinRate.setPrintFormatter(NumberColumnFormatter.percent(1));
        return Table.create("seasons " + seasons.firstKey() + "-" + seasons.lastKey(), year, calendar, run, entries,
                drivers, teams, classified, dnfRate, sprints, winners, poleWinRate);
    }

    /**
     * Grand Prix wins per season and constructor: columns {@code year, constructor, wins}, by year, then wins
     * descending, then name. Only constructors that won that season appear.
     */
    public static Table winsByConstructor(F1Frames frames) {
        Map<Integer, Integer> yearOfRace = yearOfRace(frames);
        Map<Integer, String> teamName = names(frames.constructors(), "constructorId", "name");
        record Key(int year, String constructor) {}
        Map<Key, Integer> wins = new HashMap<>();
        for (Row r : frames.results()) {
            if (r.getInt("positionOrder") == 1) {
                wins.merge(new Key(yearOfRace.get(r.getInt("raceId")), teamName.get(r.getInt("constructorId"))), 1,
                        Integer::sum);
            }
        }
        List<Map.Entry<Key, Integer>> sorted = wins.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Key, Integer>>comparingInt(e -> e.getKey().year())
                        .thenComparing(Map.Entry.<Key, Integer>comparingByValue().reversed())
                        .thenComparing(e -> e.getKey().constructor()))
                .toList();
        return Table.create("Grand Prix wins by constructor",
                IntColumn.create("year", sorted.stream().mapToInt(e -> e.getKey().year()).toArray()),
                StringColumn.create("constructor", sorted.stream().map(e -> e.getKey().constructor()).toList()),
                IntColumn.create("wins", sorted.stream().mapToInt(Map.Entry::getValue).toArray()));
    }

    /**
     * Every classified finisher of a season's Grands Prix: {@code round, race, driver, constructor, grid, finish}
     * ({@code grid} 0 = pit-lane start; {@code finish} the classified position).
     */
    public static Table gridVersusFinish(F1Frames frames, int year) {
        Map<Integer, String> raceName = new HashMap<>();
        Map<Integer, Integer> roundOf = new HashMap<>();
        for (Row race : frames.races()) {
            if (race.getInt("year") == year) {
                raceName.put(race.getInt("raceId"), race.getString("name"));
                roundOf.put(race.getInt("raceId"), race.getInt("round"));
            }
        }
        if (raceName.isEmpty()) {
            throw new IllegalArgumentException("season " + year + " is not in the frames (" + frames.races().name()
                    + " has years " + frames.races().intColumn("year").unique().asList() + ")");
        }
        Map<Integer, String> driverName = driverNames(frames);
        Map<Integer, String> teamName = names(frames.constructors(), "constructorId", "name");
        IntColumn round = IntColumn.create("round"), grid = IntColumn.create("grid"),
                finish = IntColumn.create("finish");
        StringColumn race = StringColumn.create("race"), driver = StringColumn.create("driver"),
                constructor = StringColumn.create("constructor");
        for (Row r : frames.results()) {
            int id = r.getInt("raceId");
            if (raceName.containsKey(id) && r.getBoolean("classified")) {
                round.append(roundOf.get(id));
                race.append(raceName.get(id));
                driver.append(driverName.get(r.getInt("driverId")));
                constructor.append(teamName.get(r.getInt("constructorId")));
                grid.append(r.getInt("grid"));
                finish.append(r.getInt("position"));
            }
        }
        return Table.create("grid and finish of every classified finisher, " + year, round, race, driver,
                constructor, grid, finish);
    }

    static Map<Integer, String> driverNames(F1Frames frames) {
        Map<Integer, String> names = new HashMap<>();
        for (Row d : frames.drivers()) {
            names.put(d.getInt("driverId"), d.getString("forename") + " " + d.getString("surname"));
        }
        return names;
    }

    private static Map<Integer, String> names(Table table, String id, String name) {
        Map<Integer, String> names = new HashMap<>();
        for (Row row : table) {
            names.put(row.getInt(id), row.getString(name));
        }
        return names;
    }

    private static Map<Integer, Integer> yearOfRace(F1Frames frames) {
        Map<Integer, Integer> year = new HashMap<>();
        for (Row race : frames.races()) {
            year.put(race.getInt("raceId"), race.getInt("year"));
        }
        return year;
    }

    /** Running counts of one season. */
    private static final class Season {
        final int year;
        int calendar, entries, classified, poleWins;
        final Set<Integer> racesRun = new HashSet<>(), sprints = new HashSet<>(), drivers = new HashSet<>(),
                teams = new HashSet<>(), winners = new HashSet<>();

        Season(int year) {
            this.year = year;
        }
    }
}
