package pitwall.features;

import pitwall.data.ConstructorStanding;
import pitwall.data.DriverStanding;

/**
 * One entrant of a race seen before the start: the vocabulary the {@link FeatureCatalogue} computes features with.
 * Each method applies its feature's missing-value rule, so every value is a number.
 */
record EntrantView(RaceView race, Entrant entrant, DriverHistory driver, TeamHistory team) {

    private Season season() {
        return race.season();
    }

    private Season.Form form() {
        return season().driver(entrant.driverId());
    }

    private int circuitId() {
        return race.race().circuitId();
    }

    // ---- driver form -------------------------------------------------------------------------------------------

    double lastFinish() {
        return driver.finishes.last(race.fieldMiddle());
    }

    double avgFinish(int races) {
        return driver.finishes.meanOfLast(races, race.fieldMiddle());
    }

    double relativeFinish5() {
        return driver.relativeFinishes.meanOfLast(5, 0.5);
    }

    double dnfRate10() {
        return driver.dnfs.meanOfLast(10, race.fieldDnfRate());
    }

    double avgGrid5() {
        return driver.grids.meanOfLast(5, race.fieldMiddle());
    }

    double teammateBeatRate10() {
        return driver.teammateBeats.meanOfLast(10, 0.5);
    }

    double starts() {
        return driver.starts;
    }

    // ---- season -----------------------------------------------------------------------------------------------

    double seasonAvgFinish() {
        Season.Form form = form();
        return form.entries == 0 ? avgFinish(5) : form.finishSum / form.entries;
    }

    double sprintAvgFinish() {
        Season.Form form = form();
        return form.sprints == 0 ? seasonAvgFinish() : form.sprintFinishSum / form.sprints;
    }

    double championshipPoints() {
        DriverStanding s = season().driverStandings.get(entrant.driverId());
        return s == null ? 0 : s.points();
    }

    double championshipPosition() {
        DriverStanding s = season().driverStandings.get(entrant.driverId());
        return s == null || s.position() == null ? race.fieldSize() : s.position();
    }

    double pointsPerStart() {
        int starts = form().starts;
        return starts == 0 ? 0 : championshipPoints() / starts;
    }

    double seasonRacesRun() {
        return season().racesRun;
    }

    // ---- circuit ----------------------------------------------------------------------------------------------

    double circuitStarts() {
        return driver.at(circuitId()).starts;
    }

    double circuitAvgFinish() {
        return driver.at(circuitId()).finishes.mean(avgFinish(10));
    }

    double teamCircuitAvgFinish() {
        return team.at(circuitId()).mean(teamAvgFinish5());
    }

    // ---- team -------------------------------------------------------------------------------------------------

    double teamAvgFinish5() {
        return team.finishes.meanOfLast(5, race.fieldMiddle());
    }

    double teamDnfRate10() {
        return team.dnfs.meanOfLast(10, race.fieldDnfRate());
    }

    double teamStarts() {
        return team.races;
    }

    double teamChampionshipPoints() {
        ConstructorStanding s = season().teamStandings.get(entrant.constructorId());
        return s == null ? 0 : s.points();
    }

    double teamChampionshipPosition() {
        ConstructorStanding s = season().teamStandings.get(entrant.constructorId());
        return s == null || s.position() == null ? race.teamsInField() : s.position();
    }

    double teamPointsPerRace() {
        int races = season().teamRaces(entrant.constructorId());
        return races == 0 ? 0 : teamChampionshipPoints() / races;
    }

    // ---- this race's qualifying and grid (post-qualifying only) -----------------------------------------------

    double grid() {
        requirePostQualifying("grid");
        if (entrant.grid() != null) {
            return Ledger.gridSlot(entrant.grid(), race.fieldSize());
        }
        Integer position = race.qualifying().positions().get(entrant.driverId());
        return position != null ? position : race.fieldMiddle();
    }

    double qualiPosition() {
        requirePostQualifying("qualiPosition");
        Integer position = race.qualifying().positions().get(entrant.driverId());
        if (position != null) {
            return position;
        }
        return entrant.grid() != null ? Ledger.gridSlot(entrant.grid(), race.fieldSize()) : race.fieldMiddle();
    }

    double qualiGapMs() {
        requirePostQualifying("qualiGapMs");
        Double gap = race.qualifying().gapMs(entrant.driverId());
        return gap != null ? gap : race.qualifying().slowestGapMs();
    }

    double qualiGapPct() {
        return qualiGapPct(entrant.driverId());
    }

    double qualiTimeMissing() {
        requirePostQualifying("qualiTimeMissing");
        return race.qualifying().gapMs(entrant.driverId()) == null ? 1 : 0;
    }

    /** His gap minus his best teammate's, in percent of pole; 0 without a teammate. */
    double qualiGapToTeammatePct() {
        double best = race.entrants().stream()
                .filter(e -> e.constructorId() == entrant.constructorId() && e.driverId() != entrant.driverId())
                .mapToDouble(e -> qualiGapPct(e.driverId()))
                .min().orElse(Double.NaN);
        return Double.isNaN(best) ? 0 : qualiGapPct() - best;
    }

    private double qualiGapPct(int driverId) {
        requirePostQualifying("qualiGapPct");
        Double gap = race.qualifying().gapPct(driverId);
        return gap != null ? gap : race.qualifying().slowestGapPct();
    }

    private void requirePostQualifying(String feature) {
        if (!race.postQualifying()) {
            throw new IllegalStateException("feature " + feature + " reads race " + race.race().raceId()
                    + "'s qualifying, but the view was built for a pre-qualifying set");
        }
    }
}
