#!/usr/bin/env bash
# Predictor benchmark (prints figures; not a test). Measures, with wrk against `pitwall serve` on 127.0.0.1:
#   0. start-up: from the launch to the first 200 from /ping (goal: ready within a second of JVM start),
#   1. POST /invocations with one race's 20 feature rows (dataframe_split): the model alone,
#   2. POST /predict/race/{id}: history cache + as-of rows + model + JSON,
# each at 1 and at 8 connections for DURATION (after an unreported WARMUP that lets the JIT settle): p50 / p99
# latency, requests/s, wrk's errors (socket errors; non-200 answers counted by a Lua response() hook), and,
# sampled every SAMPLE seconds during the load, the server's RSS and its heap after the last GC (from a GC log),
# with a verdict on whether memory stayed flat. The predictor runs with a fixed maximum heap (HEAP).
#
# Uses the newest bundle under models/ensembles (the one `pitwall quickstart` exports; exported first if there is
# none) and the local Worker (started if needed, and stopped again). Stops everything it started on exit.
# Env: DURATION (30s), WARMUP (10s), CONNECTIONS ("1 8"), THREADS (2; never more than the connections),
# PORT (8001), HEAP (256m), SAMPLE (5, seconds), MODEL (a bundle dir), RACE (a raceId; default the latest race with
# results), PITWALL_JAR (run this jar instead of ./pitwall) or PITWALL_BUILD (a build dir holding pitwall.jar, e.g.
# target-serve from `mvn -Dpitwall.build=target-serve package`), ENDPOINTS ("invocations predict"; "limits" adds
# the hostile-body figures: a 10,000-row /invocations refused, /ping latency while such bodies keep coming, and the
# largest allowed request, 1,000 rows in 50 races).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-1 8}
THREADS=${THREADS:-2}
PORT=${PORT:-8001}
HEAP=${HEAP:-256m}
SAMPLE=${SAMPLE:-5}
ENDPOINTS=${ENDPOINTS:-invocations predict}
WORKER_URL=${WORKER_URL:-http://127.0.0.1:8787}
PY=/usr/bin/python3
if [[ -z "${PITWALL_JAR:-}" && -n "${PITWALL_BUILD:-}" ]]; then
  PITWALL_JAR="$PITWALL_BUILD/pitwall.jar"
fi
if [[ -n "${PITWALL_JAR:-}" && ! -f "$PITWALL_JAR" ]]; then
  echo "serve.sh: no jar at $PITWALL_JAR" >&2
  exit 1
fi
JVM_FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
           -Dsun.net.httpserver.nodelay=true -Dpitwall.root="$PWD")

pitwall() {
  if [[ -n "${PITWALL_JAR:-}" ]]; then
    "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -jar "$PITWALL_JAR" "$@"
  else
    ./pitwall "$@"
  fi
}

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
echo "nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)," \
  "jar ${PITWALL_JAR:-target/pitwall.jar (./pitwall)}, heap -Xmx$HEAP"

started=0
tmp=$(mktemp -d)
server=""
sampler=""
cleanup() {
  if [[ -n "$sampler" ]]; then kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; fi
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if ((started)); then pitwall worker stop || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! pitwall worker status | grep -q "running"; then
  pitwall worker start
  started=1
fi

MODEL=${MODEL:-$(ls -d models/ensembles/*/ 2>/dev/null | sort | tail -1 || true)}
if [[ -z "$MODEL" ]]; then
  pitwall model export experiments/ensembles.json | tail -n 2
  MODEL=$(ls -d models/ensembles/*/ | sort | tail -1)
fi
echo "model $MODEL ($($PY -c 'import json,sys; m=json.load(open(sys.argv[1]))["model"]; print(m["variant"], m["params"].get("members", ""))' "$MODEL/manifest.json"))"

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

# The JVM itself is started here (./pitwall execs java), so $! is its pid. JAVA_TOOL_OPTIONS carries the heap and
# GC-log flags through the launcher too.
serve_flags="-Xmx$HEAP -Xlog:gc:file=$tmp/gc.log:uptime"
launched=$(date +%s%N)
if [[ -n "${PITWALL_JAR:-}" ]]; then
  "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" $serve_flags -jar "$PITWALL_JAR" \
    serve --model "$MODEL" --host 127.0.0.1 --port "$PORT" >"$tmp/serve.log" 2>&1 &
else
  JAVA_TOOL_OPTIONS="$serve_flags" ./pitwall serve --model "$MODEL" --host 127.0.0.1 --port "$PORT" \
    >"$tmp/serve.log" 2>&1 &
fi
server=$!
# Ready = the first 200 from /ping (the model is loaded and the socket bound; history is fetched after that). Polled
# from one Python process: a curl and a sleep started every 20 ms took CPU from the JVM being timed (0.94 - 0.98 s
# against 0.83 - 0.86 s read this way; bench/serve-startup.sh, polling from the process that launches, reads less).
ready=$($PY - "$PORT" "$launched" "$server" <<'PY'
import http.client, os, sys, time
port, launched, server = int(sys.argv[1]), int(sys.argv[2]) / 1e9, int(sys.argv[3])
while time.time() - launched < 15:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        c.request("GET", "/ping")
        if c.getresponse().status == 200:
            print(f"{(time.time() - launched) * 1000:.0f} ms")
            break
    except OSError:
        pass
    try:
        os.kill(server, 0)
    except OSError:
        break
    time.sleep(0.005)
else:
    print("not within 15 s")
PY
)
echo "ready (first /ping 200) ${ready:-never: the predictor exited} after the launch (goal: within a second of JVM start)"
for _ in $(seq 1 120); do
  if grep -q "history loaded\|history not loaded" "$tmp/serve.log" 2>/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/ping" >/dev/null || { cat "$tmp/serve.log"; exit 1; }
rss_mb() { echo $(( $(ps -o rss= -p "$server") / 1024 )); }
# Heap in use after the newest GC so far ("... 120M->31M(256M) ..." in the GC log), in MB.
heap_after_gc() { grep -o '[0-9]*M->[0-9]*M' "$tmp/gc.log" 2>/dev/null | tail -1 | sed 's/.*->\([0-9]*\)M/\1/' || true; }
gc_count() { grep -c 'Pause' "$tmp/gc.log" 2>/dev/null || true; }
echo "RSS after start and history load: $(rss_mb) MB, heap after last GC: $(heap_after_gc) MB"
code=$(curl -s -o /dev/null -w '%{http_code}' -XPOST "http://127.0.0.1:$PORT/predict/race/$RACE")   # warms the race's rows
[[ "$code" == 200 ]] || { echo "POST /predict/race/$RACE answered $code"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$tmp/invocations.json" \
  "http://127.0.0.1:$PORT/invocations")
[[ "$code" == 200 ]] || { echo "POST /invocations answered $code"; exit 1; }

# Shared Lua: counts answers other than 200 in every wrk thread and prints one summary line in done().
cat >"$tmp/report.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; first_bad = "" end
function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", 1, 120) end
  end
end
function done(summary, latency, requests)
  local bad_total, first = 0, ""
  for _, t in ipairs(threads) do
    bad_total = bad_total + t:get("bad")
    if first == "" then first = t:get("first_bad") end
  end
  local e = summary.errors
  io.write(string.format("RESULT p50_ms=%.3f p99_ms=%.3f rps=%.0f requests=%d non200=%d connect=%d read=%d "
    .. "write=%d timeout=%d status=%d first_bad=%s\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, bad_total, e.connect, e.read, e.write, e.timeout,
    e.status, first))
end
LUA
{ cat <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$tmp/invocations.json", "r"); wrk.body = f:read("*a"); f:close()
LUA
  cat "$tmp/report.lua"; } >"$tmp/invocations.lua"
{ echo 'wrk.method = "POST"'; cat "$tmp/report.lua"; } >"$tmp/predict.lua"

seconds() { local d=$1; case $d in *m) echo $(( ${d%m} * 60 ));; *s) echo "${d%s}";; *) echo "$d";; esac; }

sample() { # every SAMPLE seconds while wrk runs: t, RSS, heap after the last GC, GCs so far
  local t=0
  while sleep "$SAMPLE"; do
    t=$((t + SAMPLE))
    echo "$t $(rss_mb) $(heap_after_gc) $(gc_count)" >>"$tmp/samples.txt"
  done
}

run() { # name, url, script, connections, key
  local threads=$((THREADS < $4 ? THREADS : $4))
  wrk -t"$threads" -c"$4" -d"$WARMUP" -s "$3" "$2" >/dev/null
  : >"$tmp/samples.txt"
  local rss0 heap0 gc0
  rss0=$(rss_mb); heap0=$(heap_after_gc); gc0=$(gc_count)
  sample &
  sampler=$!
  wrk -t"$threads" -c"$4" -d"$DURATION" -s "$3" "$2" >"$tmp/wrk.txt" 2>&1 || true
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=""
  local line
  line=$(grep '^RESULT' "$tmp/wrk.txt" || { cat "$tmp/wrk.txt" >&2; echo "RESULT failed"; })
  printf '%-36s %2d conn: ' "$1" "$4"
  echo "$line" | awk '{for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "p50 %6.2f ms  p99 %6.2f ms  %6d req/s  (%d requests; non-200 %d; socket errors: connect %d read %d write %d timeout %d)\n",
      v["p50_ms"], v["p99_ms"], v["rps"], v["requests"], v["non200"], v["connect"], v["read"], v["write"], v["timeout"]}'
  if ! echo "$line" | grep -q 'non200=0 connect=0 read=0 write=0 timeout=0'; then
    echo "    ERRORS: $(echo "$line" | sed 's/.*non200=/non200=/')"
  fi
  echo "$5 $4 $line" >>"$tmp/results.txt"
  local series rss10 rssEnd heapEnd gcEnd
  series=$(awk '{printf "%ss %s MB/%s MB  ", $1, $2, ($3 == "" ? "-" : $3)}' "$tmp/samples.txt")
  rss10=$(awk '$1 >= 10 {print $2; exit}' "$tmp/samples.txt")
  rssEnd=$(rss_mb); heapEnd=$(heap_after_gc); gcEnd=$(gc_count)
  echo "    RSS/heap after GC: start ${rss0} MB/${heap0:--} MB  $series end ${rssEnd} MB/${heapEnd:--} MB" \
    "($((gcEnd - gc0)) GCs)"
  echo "$rss0 ${rss10:-$rss0} $rssEnd ${heap0:-0} ${heapEnd:-0}" | awk '{
    drss = $3 - $2; dheap = $5 - $4
    flat = (drss <= 0.05 * $2 + 8) && (dheap <= 0.1 * $4 + 8)
    printf "    memory %s: RSS %+d MB from 10 s to the end, heap after GC %+d MB over the run\n",
      (flat ? "flat" : "NOT FLAT"), drss, dheap }'
}

limits() { # goals: a 10,000-row body answered or refused in under 1 s; /ping under 100 ms meanwhile
  $PY - "$tmp/invocations.json" "$PORT" <<'PY'
import json, statistics, sys, threading, time, urllib.request, urllib.error
body, port = json.load(open(sys.argv[1]))["dataframe_split"], sys.argv[2]
keep = [i for i, c in enumerate(body["columns"]) if c not in ("raceId", "driverId")]
rows = [[round(r[i]) for i in keep] for r in body["data"]]
columns = [body["columns"][i] for i in keep]
def post(payload):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/invocations", data=payload, method="POST",
                                 headers={"Content-Type": "application/json"})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status = r.status; r.read()
    except urllib.error.HTTPError as e:
        status = e.code; e.read()
    return status, (time.perf_counter() - t) * 1000
big = json.dumps({"dataframe_split": {"columns": columns, "data": [rows[i % len(rows)] for i in range(10_000)]}}).encode()
most = json.dumps({"dataframe_split": {"columns": columns + ["raceId", "driverId"], "data":
        [rows[i % len(rows)] + [1 + i // 20, 1 + i % 20] for i in range(1_000)]}}).encode()
refused = [post(big) for _ in range(20)]
ms = [m for _, m in refused]
print(f"10,000 rows ({len(big) / 1e6:.2f} MB) x20: status {sorted(set(s for s, _ in refused))}, "
      f"p50 {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms (goal < 1000 ms)")
stop = threading.Event()
def flood():
    while not stop.is_set():
        post(big)
floods = [threading.Thread(target=flood) for _ in range(4)]
for f in floods: f.start()
pings = []
for _ in range(200):
    t = time.perf_counter()
    urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=10).read()
    pings.append((time.perf_counter() - t) * 1000)
    time.sleep(0.01)
stop.set()
for f in floods: f.join()
pings.sort()
print(f"/ping x200 while 4 clients send 10,000-row bodies: p50 {pings[100]:.1f} ms, p99 {pings[197]:.1f} ms, "
      f"max {pings[-1]:.1f} ms (goal < 100 ms)")
answered = [post(most) for _ in range(10)]
ms = [m for _, m in answered]
print(f"1,000 rows in 50 races ({len(most) / 1e6:.2f} MB) x10: status {sorted(set(s for s, _ in answered))}, "
      f"p50 {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms")
PY
}

for endpoint in $ENDPOINTS; do
  for c in $CONNECTIONS; do
    case $endpoint in
      invocations) run "POST /invocations (1 race x 20 rows)" "http://127.0.0.1:$PORT/invocations" \
                     "$tmp/invocations.lua" "$c" invocations ;;
      predict) run "POST /predict/race/$RACE (cached)" "http://127.0.0.1:$PORT/predict/race/$RACE" \
                 "$tmp/predict.lua" "$c" predict ;;
      limits) ((c == ${CONNECTIONS%% *})) && limits ;;
      *) echo "unknown endpoint $endpoint (invocations, predict, limits)" >&2; exit 2 ;;
    esac
  done
done
echo "RSS after the load: $(rss_mb) MB; heap after last GC $(heap_after_gc) MB; $(gc_count) GCs in all;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
# The issue's goal for /invocations: p50 under 2 ms (one connection) and at least 2,000 requests/s (8 connections),
# with no errors. By Little's law 8 connections at 2,000 req/s queue for 4 ms on average, so the p50 goal is read
# at one connection.
awk '$1 == "invocations" {for (i = 3; i <= NF; i++) { split($i, kv, "="); v[$2, kv[1]] = kv[2] }; c[$2] = 1
       errors += v[$2, "non200"] + v[$2, "connect"] + v[$2, "read"] + v[$2, "write"] + v[$2, "timeout"]}
     END { if (!(1 in c) || !(8 in c)) exit
           ok = v[1, "p50_ms"] < 2 && v[8, "rps"] >= 2000 && errors == 0
           printf "goal for /invocations (p50 < 2 ms at 1 connection, >= 2,000 req/s at 8, no errors): %s " \
             "(p50 %.2f ms, %d req/s, %d errors)\n", (ok ? "met" : "NOT met"), v[1, "p50_ms"], v[8, "rps"], errors }' \
  "$tmp/results.txt" 2>/dev/null || true
