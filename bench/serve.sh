#!/usr/bin/env bash
# Predictor benchmark (prints figures; not a test). Measures, with wrk against `pitwall serve`:
#   1. POST /invocations with one race's 20 feature rows (dataframe_split): the model alone,
#   2. POST /predict/race/{id}: history cache + as-of rows + model + JSON,
# p50/p99 latency and requests/s for DURATION each, and the server's RSS before and after.
# Uses the newest bundle under models/ensembles (exported first if there is none) and the local Worker
# (started if needed, and then stopped again). Env: DURATION (20s), CONNECTIONS (8), THREADS (2), PORT (8001),
# MODEL (a bundle dir), RACE (a raceId; default the latest race with results), PITWALL_JAR (run this jar instead
# of ./pitwall).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-2}
PORT=${PORT:-8001}
WORKER_URL=${WORKER_URL:-http://127.0.0.1:8787}
PY=/usr/bin/python3

pitwall() {
  if [[ -n "${PITWALL_JAR:-}" ]]; then
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
      -Dsun.net.httpserver.nodelay=true -Dpitwall.root="$PWD" -jar "$PITWALL_JAR" "$@"
  else
    ./pitwall "$@"
  fi
}

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
echo "nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"

started=0
if ! pitwall worker status | grep -q "running"; then
  pitwall worker start
  started=1
fi
tmp=$(mktemp -d)
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if ((started)); then pitwall worker stop; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

MODEL=${MODEL:-$(ls -d models/ensembles/*/ 2>/dev/null | sort | tail -1 || true)}
if [[ -z "$MODEL" ]]; then
  pitwall model export experiments/ensembles.json | tail -n 2
  MODEL=$(ls -d models/ensembles/*/ | sort | tail -1)
fi
echo "model $MODEL"

RACE=${RACE:-$(curl -sf "$WORKER_URL/api/data/seasons/2025" | $PY -c '
import json, sys
d = json.load(sys.stdin)["data"]
ids = {r["raceId"] for r in d["results"]}
races = sorted((r for r in d["races"] if r["raceId"] in ids), key=lambda r: r["round"])
print(races[-1]["raceId"])')}

pitwall features export --set post --from 2016 --to 2025 --out "$tmp/features.csv" >/dev/null
$PY - "$tmp/features.csv" "$RACE" "$tmp/invocations.json" <<'PY'
import csv, json, sys
path, race, out = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [r for r in csv.DictReader(open(path)) if r["raceId"] == race]
drop = {"year", "round", "constructorId", "positionOrder", "classified"}
columns = [c for c in rows[0].keys() if c not in drop]
data = [[int(r[c]) if c in ("raceId", "driverId") else float(r[c]) for c in columns] for r in rows]
json.dump({"dataframe_split": {"columns": columns, "data": data}}, open(out, "w"))
print(f"invocations body: race {race}, {len(rows)} rows x {len(columns)} columns")
PY

# Started directly (not through the shell function) so that $! is the JVM itself: ./pitwall execs java.
if [[ -n "${PITWALL_JAR:-}" ]]; then
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dsun.net.httpserver.nodelay=true -Dpitwall.root="$PWD" -jar "$PITWALL_JAR" \
    serve --model "$MODEL" --port "$PORT" >"$tmp/serve.log" 2>&1 &
else
  ./pitwall serve --model "$MODEL" --port "$PORT" >"$tmp/serve.log" 2>&1 &
fi
server=$!
for _ in $(seq 1 120); do
  if grep -q "history loaded\|history not loaded" "$tmp/serve.log" 2>/dev/null; then break; fi
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/ping" >/dev/null || { cat "$tmp/serve.log"; exit 1; }
rss() { echo "$(( $(ps -o rss= -p "$server") / 1024 )) MB"; }
echo "RSS after start and history load: $(rss)"
curl -sf -XPOST "http://127.0.0.1:$PORT/predict/race/$RACE" >/dev/null   # warm the race's rows

cat >"$tmp/invocations.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$tmp/invocations.json", "r"); wrk.body = f:read("*a"); f:close()
LUA
cat >"$tmp/post.lua" <<'LUA'
wrk.method = "POST"
LUA

run() { # name, url, script
  echo "== $1 ($DURATION, $CONNECTIONS connections, $THREADS threads) =="
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$3" "$2" >"$tmp/wrk.txt"
  awk '/^ +50%/{p50=$2} /^ +99%/{p99=$2} /Requests\/sec/{rps=$2} /Non-2xx/{bad=$4}
       END{printf "p50 %s  p99 %s  %s req/s%s\n", p50, p99, rps, (bad ? "  NON-2XX " bad : "")}' "$tmp/wrk.txt"
}
run "POST /invocations, 1 race x 20 rows" "http://127.0.0.1:$PORT/invocations" "$tmp/invocations.lua"
run "POST /predict/race/$RACE" "http://127.0.0.1:$PORT/predict/race/$RACE" "$tmp/post.lua"
echo "RSS after the load: $(rss)"
