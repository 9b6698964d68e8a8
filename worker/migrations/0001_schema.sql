-- pitwall D1 schema, version 1: Ergast-shaped F1 data plus the workbench's predictions and model metrics.
-- Column names are snake_case; ids are the Ergast ids. "As of" queries order races by start_key, never by race_id.

CREATE TABLE schema_version (
  version    INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE seasons (
  year INTEGER PRIMARY KEY,
  url  TEXT
);

CREATE TABLE circuits (
  circuit_id  INTEGER PRIMARY KEY,
  circuit_ref TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  location    TEXT,
  country     TEXT,
  lat         REAL,
  lng         REAL,
  alt         INTEGER,
  url         TEXT
);

CREATE TABLE races (
  race_id     INTEGER PRIMARY KEY,
  year        INTEGER NOT NULL REFERENCES seasons(year),
  round       INTEGER NOT NULL,
  circuit_id  INTEGER NOT NULL REFERENCES circuits(circuit_id),
  name        TEXT NOT NULL,
  date        TEXT NOT NULL,            -- YYYY-MM-DD
  time        TEXT,                     -- HH:MM:SS (UTC), null for most races before 2005
  -- date || 'T' || coalesce(time, '00:00:00'): the chronological key for every "as of" comparison
  start_key   TEXT NOT NULL,
  quali_date  TEXT,
  quali_time  TEXT,
  sprint_date TEXT,
  sprint_time TEXT,
  url         TEXT,
  UNIQUE (year, round)
);
CREATE INDEX races_start_key ON races(start_key);
CREATE INDEX races_circuit ON races(circuit_id, start_key);

CREATE TABLE drivers (
  driver_id   INTEGER PRIMARY KEY,
  driver_ref  TEXT NOT NULL UNIQUE,
  number      INTEGER,
  code        TEXT,
  forename    TEXT NOT NULL,
  surname     TEXT NOT NULL,
  dob         TEXT,
  nationality TEXT,
  url         TEXT
);

CREATE TABLE constructors (
  constructor_id  INTEGER PRIMARY KEY,
  constructor_ref TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  nationality     TEXT,
  url             TEXT
);

CREATE TABLE status (
  status_id INTEGER PRIMARY KEY,
  status    TEXT NOT NULL
);

-- One row per entrant of a Grand Prix. position is the classified position, null when not classified
-- (positionText not all digits: R, D, W, E, F, N); classified mirrors that as 0/1.
CREATE TABLE results (
  result_id         INTEGER PRIMARY KEY,
  race_id           INTEGER NOT NULL REFERENCES races(race_id),
  driver_id         INTEGER NOT NULL REFERENCES drivers(driver_id),
  constructor_id    INTEGER NOT NULL REFERENCES constructors(constructor_id),
  number            INTEGER,
  grid              INTEGER NOT NULL,   -- 0 = pit-lane start
  position          INTEGER,
  position_text     TEXT NOT NULL,
  position_order    INTEGER NOT NULL,
  points            REAL NOT NULL,
  laps              INTEGER NOT NULL,
  time              TEXT,
  milliseconds      INTEGER,
  fastest_lap       INTEGER,
  fastest_lap_rank  INTEGER,
  fastest_lap_time  TEXT,
  fastest_lap_speed REAL,
  status_id         INTEGER NOT NULL REFERENCES status(status_id),
  classified        INTEGER NOT NULL CHECK (classified IN (0, 1))
);
CREATE INDEX results_race ON results(race_id);
CREATE INDEX results_driver ON results(driver_id, race_id);
CREATE INDEX results_constructor ON results(constructor_id, race_id);

CREATE TABLE sprint_results (
  result_id         INTEGER PRIMARY KEY,
  race_id           INTEGER NOT NULL REFERENCES races(race_id),
  driver_id         INTEGER NOT NULL REFERENCES drivers(driver_id),
  constructor_id    INTEGER NOT NULL REFERENCES constructors(constructor_id),
  number            INTEGER,
  grid              INTEGER NOT NULL,
  position          INTEGER,
  position_text     TEXT NOT NULL,
  position_order    INTEGER NOT NULL,
  points            REAL NOT NULL,
  laps              INTEGER NOT NULL,
  time              TEXT,
  milliseconds      INTEGER,
  fastest_lap       INTEGER,
  fastest_lap_rank  INTEGER,
  fastest_lap_time  TEXT,
  status_id         INTEGER NOT NULL REFERENCES status(status_id),
  classified        INTEGER NOT NULL CHECK (classified IN (0, 1))
);
CREATE INDEX sprint_results_race ON sprint_results(race_id);

-- Qualifying times in milliseconds, null where the driver did not set one in that session.
CREATE TABLE qualifying (
  qualify_id     INTEGER PRIMARY KEY,
  race_id        INTEGER NOT NULL REFERENCES races(race_id),
  driver_id      INTEGER NOT NULL REFERENCES drivers(driver_id),
  constructor_id INTEGER NOT NULL REFERENCES constructors(constructor_id),
  number         INTEGER,
  position       INTEGER NOT NULL,
  q1_ms          INTEGER,
  q2_ms          INTEGER,
  q3_ms          INTEGER
);
CREATE INDEX qualifying_race ON qualifying(race_id);
CREATE INDEX qualifying_driver ON qualifying(driver_id, race_id);

-- Championship standings after the race race_id.
CREATE TABLE driver_standings (
  driver_standings_id INTEGER PRIMARY KEY,
  race_id             INTEGER NOT NULL REFERENCES races(race_id),
  driver_id           INTEGER NOT NULL REFERENCES drivers(driver_id),
  points              REAL NOT NULL,
  position            INTEGER,
  position_text       TEXT,
  wins                INTEGER NOT NULL
);
CREATE INDEX driver_standings_race ON driver_standings(race_id);
CREATE INDEX driver_standings_driver ON driver_standings(driver_id, race_id);

CREATE TABLE constructor_standings (
  constructor_standings_id INTEGER PRIMARY KEY,
  race_id                  INTEGER NOT NULL REFERENCES races(race_id),
  constructor_id           INTEGER NOT NULL REFERENCES constructors(constructor_id),
  points                   REAL NOT NULL,
  position                 INTEGER,
  position_text            TEXT,
  wins                     INTEGER NOT NULL
);
CREATE INDEX constructor_standings_race ON constructor_standings(race_id);
CREATE INDEX constructor_standings_constructor ON constructor_standings(constructor_id, race_id);

-- Predictions written back by the predictor: one row per race, driver and model version (upserted).
CREATE TABLE predictions (
  prediction_id      INTEGER PRIMARY KEY AUTOINCREMENT,
  race_id            INTEGER NOT NULL REFERENCES races(race_id),
  driver_id          INTEGER NOT NULL REFERENCES drivers(driver_id),
  model_version      TEXT NOT NULL,
  predicted_position INTEGER NOT NULL,
  win_prob           REAL NOT NULL,
  podium_prob        REAL NOT NULL,
  dnf_prob           REAL,
  interval_low       REAL,
  interval_high      REAL,
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (race_id, driver_id, model_version)
);
CREATE INDEX predictions_race ON predictions(race_id, model_version);

-- Evaluation figures of a model version, e.g. walk-forward mean Spearman over 2022-2025.
CREATE TABLE model_metrics (
  model_version TEXT NOT NULL,
  metric        TEXT NOT NULL,
  scope         TEXT NOT NULL DEFAULT '',
  value         REAL NOT NULL,
  recorded_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (model_version, metric, scope)
);

INSERT INTO schema_version (version) VALUES (1);
