#!/usr/bin/env bash
# Experiment speed with the fit cache (prints figures; not a test). In one run, side by side:
#   cold   ./pitwall experiment run experiments/ensembles.json, empty fit cache;         goal <= 20 s wall
#   warm   the same run again, unchanged: every fold from the cache;                       goal <= 8 s wall
#   edit   the same spec with one variant's param changed (gbt-podium trees): only it is refitted
#   sweep  ./pitwall experiment sweep experiments/sweep-gbt-position.json, 24 trials, cold; goal <= 3 min wall
# Goals are for the 2-core machine; the load average is printed, as other processes skew every figure. The runs use
# a throw-away fit cache (--cache-dir) and MLflow store, never the project's. Also timed: a bare JVM start
# (./pitwall --version), the floor under every wall time. Uses the project's local Worker (started if needed, and
# then stopped again). TRIALS=n changes the sweep's budget.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
TRIALS=${TRIALS:-24}
tmp=$(mktemp -d)

source bench/local-worker.sh
cleanup() { rm -rf "$tmp"; stop_local_worker; }
trap cleanup EXIT
start_local_worker

./pitwall --version >/dev/null # build now if sources changed, so that no build is timed below
touch "$tmp/stamp"
rebuilt() { # other people edit src/: the launcher then rebuilds the jar before running
  if [[ target/pitwall.jar -nt "$tmp/stamp" ]]; then echo "WARNING: the jar was rebuilt in this step; its time includes a Maven build"; fi
  touch "$tmp/stamp"
}
load() { cut -d' ' -f1 /proc/loadavg; }
declare -A wall reported loads

# timed NAME COMMAND...: wall time of one fresh JVM, the command's own "N s" figure, the load when it started.
timed() {
  local name=$1 t0 t1
  shift
  loads[$name]=$(load)
  t0=$EPOCHREALTIME
  if ! MLFLOW_TRACKING_URI="$tmp/mlruns" "$@" >"$tmp/$name.log" 2>&1; then
    cat "$tmp/$name.log"
    exit 1
  fi
  t1=$EPOCHREALTIME
  rebuilt
  wall[$name]=$(echo "$t0 $t1" | awk '{printf "%.1f", $2 - $1}')
  reported[$name]=$(grep -E '^(data snapshot|sweep run:).*; [0-9.]+ s$' "$tmp/$name.log" | sed 's/.*; \([0-9.]*\) s$/\1/' || true)
  echo "$name: ${wall[$name]} s wall; $(grep '^fit cache' "$tmp/$name.log" || echo 'no cache line')"
}

echo "== machine: nproc $(nproc); load average $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) =="
timed jvm ./pitwall --version
# The launcher's class-data archive for `experiment` is written when the first run after a build exits (then that
# run also loads every class from the jar). A cold fit cache is not a fresh build: a one-season run of every model
# kind, tiny (its own fit cache and store), writes the archive first; its wall time is the after-a-build cost.
python3 - "$tmp/prime.json" <<'PY'
import json, sys
spec = json.load(open("experiments/ensembles.json"))
spec["name"] = "prime"
spec["evaluation"] = {"testFrom": 2025, "testTo": 2025, "retrain": "season", "trainFrom": 2020}
tiny = {"trees": 3}
spec["variants"] = [{"name": "grid", "kind": "grid"}, {"name": "rank-logit", "kind": "rank-logit"}] + [
    {"name": k, "kind": k, "params": tiny} for k in ("rf-position", "gbt-position", "rf-win", "gbt-podium",
                                                     "adaboost-podium")] + [
    {"name": k, "kind": k, "params": {"members": "grid,rf-position,rank-logit", "rf-position.trees": 3}}
    for k in ("average", "stacked")]
json.dump(spec, open(sys.argv[1], "w"))
PY
timed prime ./pitwall experiment run "$tmp/prime.json" --no-progress --cache-dir "$tmp/prime-fits"
timed cold ./pitwall experiment run experiments/ensembles.json --no-progress --cache-dir "$tmp/fits" --json "$tmp/cold.json"
timed warm ./pitwall experiment run experiments/ensembles.json --no-progress --cache-dir "$tmp/fits" --json "$tmp/warm.json"
python3 - "$tmp/edited.json" <<'PY'
import json, sys
spec = json.load(open("experiments/ensembles.json"))
next(v for v in spec["variants"] if v["name"] == "gbt-podium").setdefault("params", {})["trees"] = 123
json.dump(spec, open(sys.argv[1], "w"))
PY
timed edit ./pitwall experiment run "$tmp/edited.json" --no-progress --cache-dir "$tmp/fits"
timed sweep ./pitwall experiment sweep experiments/sweep-gbt-position.json --trials "$TRIALS" --no-progress \
  --cache-dir "$tmp/sweep-fits" --best-spec "$tmp/best.json"
python3 - "$tmp/cold.json" "$tmp/warm.json" <<'PY'
import json, sys
cold, warm = (json.load(open(f)) for f in sys.argv[1:])
strip = lambda r: json.dumps([{k: v for k, v in row.items() if k != "runId"} for row in r["variants"]], sort_keys=True)
print("warm metrics identical to cold: " + ("yes" if strip(cold) == strip(warm) else "NO, they differ"))
PY

echo
printf '%-34s %9s %12s %8s %10s\n' "run" "wall (s)" "in-JVM (s)" "load" "goal"
printf '%-34s %9s %12s %8s %10s\n' "JVM start (--version)" "${wall[jvm]}" "-" "${loads[jvm]}" "-"
printf '%-34s %9s %12s %8s %10s\n' "first experiment after a build" "${wall[prime]}" "${reported[prime]:--}" "${loads[prime]}" "-"
printf '%-34s %9s %12s %8s %10s\n' "ensembles.json, cold cache" "${wall[cold]}" "${reported[cold]:--}" "${loads[cold]}" "<= 20 s"
printf '%-34s %9s %12s %8s %10s\n' "ensembles.json, warm cache" "${wall[warm]}" "${reported[warm]:--}" "${loads[warm]}" "<= 8 s"
printf '%-34s %9s %12s %8s %10s\n' "ensembles.json, gbt-podium edited" "${wall[edit]}" "${reported[edit]:--}" "${loads[edit]}" "-"
printf '%-34s %9s %12s %8s %10s\n' "sweep-gbt-position, $TRIALS trials, cold" "${wall[sweep]}" "${reported[sweep]:--}" "${loads[sweep]}" "<= 180 s"
awk -v c="${wall[cold]}" -v w="${wall[warm]}" -v s="${wall[sweep]}" -v t="$TRIALS" 'BEGIN {
  printf "cold %s, warm %s, sweep %s\n", (c <= 20 ? "met" : "MISSED"), (w <= 8 ? "met" : "MISSED"),
    (t != 24 ? "not comparable (budget " t ")" : (s <= 180 ? "met" : "MISSED")) }'
