package pitwall.data;

/** Worker responses written by hand from worker/API.md, with real rows of the Ergast dump. */
final class Fixtures {

    private Fixtures() {}

    static final String VERSTAPPEN = """
            {"driverId": 830, "driverRef": "max_verstappen", "number": 33, "code": "VER", "forename": "Max",
             "surname": "Verstappen", "dob": "1997-09-30", "nationality": "Dutch"}""";
    static final String PEREZ = """
            {"driverId": 815, "driverRef": "perez", "number": 11, "code": "PER", "forename": "Sergio",
             "surname": "Pérez", "dob": "1990-01-26", "nationality": "Mexican"}""";
    static final String GASLY = """
            {"driverId": 842, "driverRef": "gasly", "number": 10, "code": "GAS", "forename": "Pierre",
             "surname": "Gasly", "dob": "1996-02-07", "nationality": "French"}""";
    static final String RED_BULL = """
            {"constructorId": 9, "constructorRef": "red_bull", "name": "Red Bull", "nationality": "Austrian"}""";
    static final String ALPINE = """
            {"constructorId": 214, "constructorRef": "alpine", "name": "Alpine F1 Team", "nationality": "French"}""";
    static final String BAHRAIN = """
            {"circuitId": 3, "circuitRef": "bahrain", "name": "Bahrain International Circuit", "location": "Sakhir",
             "country": "Bahrain", "lat": 26.0325, "lng": 50.5106, "alt": 7}""";
    static final String JEDDAH = """
            {"circuitId": 77, "circuitRef": "jeddah", "name": "Jeddah Corniche Circuit", "location": "Jeddah",
             "country": "Saudi Arabia", "lat": 21.6319, "lng": 39.1044, "alt": 15}""";
    static final String RACE_1121 = """
            {"raceId": 1121, "year": 2024, "round": 1, "circuitId": 3, "name": "Bahrain Grand Prix",
             "date": "2024-03-02", "time": "15:00:00", "qualiDate": "2024-03-01", "qualiTime": "16:00:00",
             "sprintDate": null, "sprintTime": null,
             "url": "https://en.wikipedia.org/wiki/2024_Bahrain_Grand_Prix"}""";
    static final String RACE_1122 = """
            {"raceId": 1122, "year": 2024, "round": 2, "circuitId": 77, "name": "Saudi Arabian Grand Prix",
             "date": "2024-03-09", "time": "17:00:00", "qualiDate": "2024-03-08", "qualiTime": "17:00:00",
             "sprintDate": null, "sprintTime": null,
             "url": "https://en.wikipedia.org/wiki/2024_Saudi_Arabian_Grand_Prix"}""";

    /** Two rounds of 2024: a win, a second place, a win and a gearbox retirement (position null, "R"). */
    static final String SEASON_2024 = """
            {"year": 2024,
             "races": [%s, %s],
             "results": [
              {"resultId": 26286, "raceId": 1121, "driverId": 830, "constructorId": 9, "number": 1, "grid": 1,
               "position": 1, "positionText": "1", "positionOrder": 1, "points": 26, "laps": 57,
               "time": "1:31:44.742", "milliseconds": 5504742, "fastestLap": 39, "fastestLapRank": 1,
               "fastestLapTime": "1:32.608", "fastestLapSpeed": 210.383, "statusId": 1, "status": "Finished",
               "classified": true},
              {"resultId": 26287, "raceId": 1121, "driverId": 815, "constructorId": 9, "number": 11, "grid": 5,
               "position": 2, "positionText": "2", "positionOrder": 2, "points": 18, "laps": 57,
               "time": "+22.457", "milliseconds": 5527199, "fastestLap": 40, "fastestLapRank": 4,
               "fastestLapTime": "1:34.364", "fastestLapSpeed": 206.468, "statusId": 1, "status": "Finished",
               "classified": true},
              {"resultId": 26306, "raceId": 1122, "driverId": 830, "constructorId": 9, "number": 1, "grid": 1,
               "position": 1, "positionText": "1", "positionOrder": 1, "points": 25, "laps": 50,
               "time": "1:20:43.273", "milliseconds": 4843273, "fastestLap": 50, "fastestLapRank": 3,
               "fastestLapTime": "1:31.773", "fastestLapSpeed": 242.188, "statusId": 1, "status": "Finished",
               "classified": true},
              {"resultId": 26325, "raceId": 1122, "driverId": 842, "constructorId": 214, "number": 10, "grid": 18,
               "position": null, "positionText": "R", "positionOrder": 20, "points": 0, "laps": 1,
               "time": null, "milliseconds": null, "fastestLap": null, "fastestLapRank": 0,
               "fastestLapTime": null, "fastestLapSpeed": null, "statusId": 6, "status": "Gearbox",
               "classified": false}],
             "sprintResults": [],
             "qualifying": [
              {"qualifyId": 10073, "raceId": 1121, "driverId": 830, "constructorId": 9, "number": 1, "position": 1,
               "q1Ms": 90031, "q2Ms": 89374, "q3Ms": 89179},
              {"qualifyId": 10077, "raceId": 1121, "driverId": 815, "constructorId": 9, "number": 11, "position": 5,
               "q1Ms": 90221, "q2Ms": 89932, "q3Ms": 89537},
              {"qualifyId": 10093, "raceId": 1122, "driverId": 830, "constructorId": 9, "number": 1, "position": 1,
               "q1Ms": 88171, "q2Ms": 88033, "q3Ms": 87472}],
             "driverStandings": [
              {"driverStandingsId": 72558, "raceId": 1121, "driverId": 830, "points": 26, "position": 1,
               "positionText": "1", "wins": 1},
              {"driverStandingsId": 72559, "raceId": 1121, "driverId": 815, "points": 18, "position": 2,
               "positionText": "2", "wins": 0},
              {"driverStandingsId": 72578, "raceId": 1122, "driverId": 830, "points": 51, "position": 1,
               "positionText": "1", "wins": 2}],
             "constructorStandings": [
              {"constructorStandingsId": 28713, "raceId": 1121, "constructorId": 9, "points": 44, "position": 1,
               "positionText": "1", "wins": 1},
              {"constructorStandingsId": 28723, "raceId": 1122, "constructorId": 9, "points": 87, "position": 1,
               "positionText": "1", "wins": 2}],
             "drivers": [%s, %s, %s],
             "constructors": [%s, %s],
             "circuits": [%s, %s],
             "status": [{"statusId": 1, "status": "Finished"}, {"statusId": 6, "status": "Gearbox"}]
            }""".formatted(RACE_1121, RACE_1122, PEREZ, VERSTAPPEN, GASLY, RED_BULL, ALPINE, BAHRAIN, JEDDAH);

    static final String SEASON_2024_META = """
            {"counts": {"races": 2, "results": 4, "sprintResults": 0, "qualifying": 3, "driverStandings": 3,
                        "constructorStandings": 2, "drivers": 3, "constructors": 2, "circuits": 2, "status": 2}}""";

    static final String HEALTH = """
            {"status": "ok", "database": "reachable", "schemaVersion": 1,
             "tables": {"seasons": 76, "races": 1149, "results": 27118, "sprintResults": 420, "qualifying": 10854,
                        "driverStandings": 35235, "constructorStandings": 13571, "predictions": 0}}""";

    static final String SEASONS = """
            [{"year": 2024, "races": 24, "racesWithResults": 24, "results": 479, "firstDate": "2024-03-02",
              "lastDate": "2024-12-08"},
             {"year": 2025, "races": 24, "racesWithResults": 18, "results": 360, "firstDate": "2025-03-16",
              "lastDate": "2025-12-07"}]""";

    static final String DRIVER_STATS = """
            {"races": 193, "window": 10, "windowRaces": 10, "recentForm": [1, 6, 2, 1, 6], "avgFinish": 3.4,
             "dnfRate": 0.0, "avgGrid": 3.1, "season": 2025, "championshipPoints": 87, "championshipPosition": 3,
             "wins": 2, "someFieldAddedLater": "ignored"}""";

    static final String TEAM_STATS = """
            {"races": 392, "window": 10, "windowRaces": 10, "avgPosition": 7.45, "dnfRate": 0.05, "season": 2025,
             "championshipPoints": 89, "championshipPosition": 4, "wins": 2,
             "drivers": [%s]}""".formatted(VERSTAPPEN);

    static final String DRIVER_FORM = """
            {"driver": %s, "asOf": {"raceId": 1150, "before": "2025-05-04T20:00:00"}, "stats": %s}"""
            .formatted(VERSTAPPEN, DRIVER_STATS);

    static final String DRIVER_FORM_BY_DATE = """
            {"driver": %s, "asOf": {"raceId": null, "before": "2025-05-04T00:00:00"}, "stats": %s}"""
            .formatted(VERSTAPPEN, DRIVER_STATS);

    static final String TEAM_FORM = """
            {"constructor": %s, "asOf": {"raceId": null, "before": null}, "stats": %s}"""
            .formatted(RED_BULL, TEAM_STATS);

    /** An upcoming race: entries from the previous race, so no grid and no qualifying. */
    static final String FEATURES_UPCOMING = """
            {"race": {"raceId": 1163, "year": 2025, "round": 19, "circuitId": 69, "name": "United States Grand Prix",
                      "date": "2025-10-19", "time": "19:00:00", "qualiDate": null, "qualiTime": null,
                      "sprintDate": "2025-10-18", "sprintTime": "17:00:00",
                      "url": "https://en.wikipedia.org/wiki/2025_United_States_Grand_Prix"},
             "circuit": {"circuitId": 69, "circuitRef": "americas", "name": "Circuit of the Americas",
                         "location": "Austin", "country": "USA", "lat": 30.1328, "lng": -97.6411, "alt": null},
             "entrySource": "previous_race",
             "entries": [{"driver": %s, "constructor": %s, "grid": null, "qualifyingPosition": null,
                          "q1Ms": null, "q2Ms": null, "q3Ms": null, "driverStats": %s, "teamStats": %s}]}"""
            .formatted(VERSTAPPEN, RED_BULL, DRIVER_STATS, TEAM_STATS);

    static final String FEATURES_1121 = """
            {"race": %s, "circuit": %s, "entrySource": "results",
             "entries": [{"driver": %s, "constructor": %s, "grid": 1, "qualifyingPosition": 1,
                          "q1Ms": 90031, "q2Ms": 89374, "q3Ms": 89179, "driverStats": %s, "teamStats": %s}]}"""
            .formatted(RACE_1121, BAHRAIN, VERSTAPPEN, RED_BULL, DRIVER_STATS, TEAM_STATS);

    static final String PATTERNS_BAHRAIN = """
            {"circuit": %s, "races": 20, "firstYear": 2004, "lastYear": 2024, "poleWinRate": 0.45,
             "avgDnfRate": 0.176,
             "topDrivers": [{"driver": %s, "starts": 9, "wins": 3, "podiums": 5}],
             "topConstructors": [{"constructor": %s, "entries": 40, "wins": 6, "podiums": 10}],
             "recentWinners": [{"raceId": 1121, "year": 2024, "driverId": 830, "constructorId": 9, "grid": 1}]}"""
            .formatted(BAHRAIN, VERSTAPPEN, RED_BULL);

    static final String PREDICTIONS_1163 = """
            {"raceId": 1163, "hasResults": false, "resultsArrivedAt": null, "resultsArrivedBeforeTracking": false,
             "models": [
              {"modelVersion": "ensembles-20251017-1", "createdAt": "2025-10-17T09:12:44.512Z",
               "predictions": [
                {"driverId": 846, "predictedPosition": 1, "winProb": 0.41, "podiumProb": 0.8, "dnfProb": 0.05,
                 "intervalLow": 1, "intervalHigh": 3, "createdAt": "2025-10-17T09:12:44.512Z"},
                {"driverId": 830, "predictedPosition": 2, "winProb": 0.3, "podiumProb": 0.7, "dnfProb": null,
                 "intervalLow": null, "intervalHigh": null, "createdAt": "2025-10-17T09:12:44.512Z"}]}]}""";

    static final String UPSERT = """
            {"raceId": 1163, "modelVersion": "ensembles-20261127-1", "upserted": 2}""";
}
