-- pitwall D1 schema, version 3: when each race's Grand Prix results first reached this database, so that a stored
-- prediction can be told apart as a forecast (stored before the results) or hindsight (stored after them).
-- Both times come from this database's clock only: the data load writes arrived_at, the Worker's INSERT writes
-- predictions.created_at, and triggers refuse any other value, so a later write cannot pass as an earlier one.

-- One row per race that has ever had results. No REFERENCES: the load deletes and re-inserts races in its swap,
-- and removes the rows of races that are gone itself. A race that loses its results keeps its row: the first
-- arrival stands, so predictions stored after it never count as forecasts.
CREATE TABLE results_arrival (
  race_id    INTEGER PRIMARY KEY,
  -- the time of the load that first brought the race's results; NULL only for races that already had results
  -- when this table was created (the time is unknown)
  arrived_at TEXT
);

INSERT INTO results_arrival (race_id, arrived_at) SELECT DISTINCT race_id, NULL FROM results;

CREATE TRIGGER results_arrival_now BEFORE INSERT ON results_arrival
WHEN NEW.arrived_at IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') BEGIN
  SELECT RAISE(ABORT, 'results_arrival.arrived_at is the time of the insert, set by the database');
END;
CREATE TRIGGER results_arrival_fixed BEFORE UPDATE ON results_arrival BEGIN
  SELECT RAISE(ABORT, 'results_arrival rows are never changed: the first arrival stands');
END;
CREATE TRIGGER predictions_created_now BEFORE INSERT ON predictions
WHEN NEW.created_at IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') BEGIN
  SELECT RAISE(ABORT, 'predictions.created_at is the time of the insert, set by the database');
END;
CREATE TRIGGER predictions_created_fixed BEFORE UPDATE OF created_at ON predictions BEGIN
  SELECT RAISE(ABORT, 'predictions.created_at is never changed');
END;

INSERT INTO schema_version (version) VALUES (3);
