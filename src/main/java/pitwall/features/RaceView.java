package pitwall.features;

import java.util.List;
import pitwall.data.Race;

/**
 * Everything a race's features may read: the race, its entry list, the season and field statistics before it,
 * and, for post-qualifying feature sets only, its qualifying and grid. Pre-qualifying views are built without
 * them, so a pre-qualifying feature cannot read the race's own qualifying even by mistake.
 *
 * @param entrants      the entry list; grid slots are stripped unless {@code postQualifying}
 * @param fieldDnfRate  share of starters not classified over the last 20 Grands Prix
 * @param qualifying    this race's qualifying; {@link QualifyingField#NONE} unless {@code postQualifying}
 */
record RaceView(Race race, List<Entrant> entrants, Season season, double fieldDnfRate, QualifyingField qualifying,
                boolean postQualifying) {

    static RaceView of(Race race, List<Entrant> entrants, Ledger ledger, QualifyingField qualifying,
                       boolean postQualifying) {
        List<Entrant> visible = postQualifying ? entrants
                : entrants.stream().map(e -> new Entrant(e.driverId(), e.constructorId(), null)).toList();
        return new RaceView(race, visible, ledger.season(race.year()), ledger.fieldDnfRate(),
                postQualifying ? qualifying : QualifyingField.NONE, postQualifying);
    }

    int fieldSize() {
        return entrants.size();
    }

    int teamsInField() {
        return (int) entrants.stream().mapToInt(Entrant::constructorId).distinct().count();
    }

    /** The middle of the field, (entrants + 1) / 2: the neutral guess for a position without history. */
    double fieldMiddle() {
        return (fieldSize() + 1) / 2.0;
    }
}
