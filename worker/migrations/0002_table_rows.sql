-- pitwall D1 schema, version 2: row counts kept where they change, so GET /api/health reads a few rows instead of
-- counting every table.
-- The Ergast tables change only through a load, which rewrites their rows here in the same batch that swaps the data
-- in. predictions and model_metrics change through the API, so triggers keep their rows exact.

CREATE TABLE table_rows (
  table_name TEXT PRIMARY KEY,
  row_count  INTEGER NOT NULL,
  counted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- One statement per table: D1 caps the terms of a compound SELECT.
INSERT INTO table_rows (table_name, row_count) SELECT 'seasons', count(*) FROM seasons;
INSERT INTO table_rows (table_name, row_count) SELECT 'circuits', count(*) FROM circuits;
INSERT INTO table_rows (table_name, row_count) SELECT 'races', count(*) FROM races;
INSERT INTO table_rows (table_name, row_count) SELECT 'drivers', count(*) FROM drivers;
INSERT INTO table_rows (table_name, row_count) SELECT 'constructors', count(*) FROM constructors;
INSERT INTO table_rows (table_name, row_count) SELECT 'status', count(*) FROM status;
INSERT INTO table_rows (table_name, row_count) SELECT 'results', count(*) FROM results;
INSERT INTO table_rows (table_name, row_count) SELECT 'sprint_results', count(*) FROM sprint_results;
INSERT INTO table_rows (table_name, row_count) SELECT 'qualifying', count(*) FROM qualifying;
INSERT INTO table_rows (table_name, row_count) SELECT 'driver_standings', count(*) FROM driver_standings;
INSERT INTO table_rows (table_name, row_count) SELECT 'constructor_standings', count(*) FROM constructor_standings;
INSERT INTO table_rows (table_name, row_count) SELECT 'predictions', count(*) FROM predictions;
INSERT INTO table_rows (table_name, row_count) SELECT 'model_metrics', count(*) FROM model_metrics;

CREATE TRIGGER predictions_counted_in AFTER INSERT ON predictions BEGIN
  UPDATE table_rows SET row_count = row_count + 1 WHERE table_name = 'predictions';
END;
CREATE TRIGGER predictions_counted_out AFTER DELETE ON predictions BEGIN
  UPDATE table_rows SET row_count = row_count - 1 WHERE table_name = 'predictions';
END;
CREATE TRIGGER model_metrics_counted_in AFTER INSERT ON model_metrics BEGIN
  UPDATE table_rows SET row_count = row_count + 1 WHERE table_name = 'model_metrics';
END;
CREATE TRIGGER model_metrics_counted_out AFTER DELETE ON model_metrics BEGIN
  UPDATE table_rows SET row_count = row_count - 1 WHERE table_name = 'model_metrics';
END;

INSERT INTO schema_version (version) VALUES (2);
