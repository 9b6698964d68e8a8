#!/usr/bin/env bash
# Experiment speed benchmark (prints figures; not a test). Measures:
#   1. post-qualifying features for 2014-2025 (history from 1990), one fresh JVM,
#   2. the full experiments/ensembles.json run (walk-forward over 2022-2025), one fresh JVM; goal < 60 s on 2 cores,
#   3. single fits of the five tree kinds on the 2022 fold's training table (2010-2021): pitwall's Smile models
#      (bench/FitTimes.java) against the same kinds in Debian's python3-sklearn (bench/sklearn_fit.py).
# Uses the project's local Worker (started if needed, and then stopped again). REPEATS=n sets the fits per figure:
# the best of 10 by default, since with 3 the JVM's JIT is often still compiling Smile's split search (rf-position
# read 1.20x scikit-learn's time at best of 3 and 0.61x at best of 10, same machine, same load).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
REPEATS=${REPEATS:-10}
PY=/usr/bin/python3 # Debian's python, for Debian's sklearn (not the pyenv python3 on PATH)
tmp=$(mktemp -d)

source bench/local-worker.sh
cleanup() { rm -rf "$tmp"; stop_local_worker; }
trap cleanup EXIT
start_local_worker

./pitwall --version >/dev/null # build now if sources changed, so that no build is timed below
cp target/pitwall.jar "$tmp/pitwall.jar" # FitTimes runs on a copy: a concurrent rebuild cannot swap it mid-run
touch "$tmp/stamp"
rebuilt() { # other people edit src/: the launcher then rebuilds the jar before running
  if [[ target/pitwall.jar -nt "$tmp/stamp" ]]; then echo "WARNING: the jar was rebuilt in this step; its time includes a Maven build"; fi
  touch "$tmp/stamp"
}
secs() { echo "$1 $2" | awk '{printf "%.1f", $2 - $1}'; }

echo "== 0. machine =="
echo "nproc $(nproc); load average $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min; other processes may be running)"
echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); $($PY -c 'import sys; print("Python", sys.version.split()[0])')"

echo "== 1. features 2014-2025, post-qualifying, history from 1990 (fresh JVM) =="
t0=$EPOCHREALTIME
out=$(./pitwall features export --set post --from 2014 --to 2025 --history-from 1990 --out "$tmp/features.csv")
t1=$EPOCHREALTIME
echo "$out"
echo "reported by the command: $(echo "$out" | sed -n 's/.* in \([0-9.]* m\?s\) .*/\1/p'); wall $(secs "$t0" "$t1") s (JVM start, Worker reads and CSV write included)"
rebuilt

echo "== 2. experiments/ensembles.json, walk-forward 2022-2025 (fresh JVM; runs tracked in a throw-away store) =="
t0=$EPOCHREALTIME
if ! MLFLOW_TRACKING_URI="$tmp/mlruns" ./pitwall experiment run experiments/ensembles.json --no-progress \
    --json "$tmp/experiment.json" >"$tmp/experiment.log" 2>&1; then
  cat "$tmp/experiment.log"
  exit 1
fi
t1=$EPOCHREALTIME
grep -m 1 "^winner" "$tmp/experiment.log" || true
wall=$(secs "$t0" "$t1")
elapsed=$($PY -c 'import json, sys; print(json.load(open(sys.argv[1]))["elapsedSeconds"])' "$tmp/experiment.json")
echo "wall $wall s (JVM start included); the experiment's own elapsedSeconds $elapsed s"
awk -v w="$wall" 'BEGIN { print (w < 60 ? "goal < 60 s: met" : "goal < 60 s: MISSED") }'
rebuilt

echo "== 3. single fits on the 2022 fold's training table (post-qualifying 2010-2021, history from 1990) =="
./pitwall features export --set post --from 2010 --to 2021 --history-from 1990 --out "$tmp/train.csv"
if ! $PY -c 'import sklearn' 2>/dev/null; then
  echo "installing Debian's python3-sklearn..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-sklearn >/dev/null
fi
fit_times() { "$JAVA_HOME/bin/java" "$@" -cp "$tmp/pitwall.jar" bench/FitTimes.java "$tmp/train.csv" "$REPEATS" 42; }
fit_times >"$tmp/smile2" # Smile's default: the ForkJoin common pool (main thread + nproc-1 workers)
fit_times -Djava.util.concurrent.ForkJoinPool.common.parallelism=0 >"$tmp/smile1" # main thread only
$PY -c 'import sklearn; print("scikit-learn", sklearn.__version__)'
$PY bench/sklearn_fit.py "$tmp/train.csv" "$REPEATS" 42 >"$tmp/sklearn"

echo "== 4. fit seconds, best of $REPEATS after a warm-up fit; same rows, same kinds, matched hyperparameters =="
echo "   (full fit = what a walk-forward fold does: the model plus PL temperature and the 20-tree DNF forest)"
awk 'FNR == 1 { f++ }
     f == 1 { full[$1] = $3; s2[$1] = $2 } f == 2 { s1[$1] = $2 } f == 3 { sk[$1] = $2; kinds[++n] = $1 }
     END {
       fmt = "%-16s %15s %15s %15s %15s %15s %15s\n"
       printf fmt, "kind", "Smile full fit", "Smile 2 cores", "Smile 1 thread", "sklearn 1 thr.", "Smile/sk 1 thr", "Smile/sk 2 cor"
       for (i = 1; i <= n; i++) { k = kinds[i]
         printf "%-16s %15.3f %15.3f %15.3f %15.3f %15.2f %15.2f\n", k, full[k], s2[k], s1[k], sk[k], s1[k] / sk[k], s2[k] / sk[k]
         t[1] += full[k]; t[2] += s2[k]; t[3] += s1[k]; t[4] += sk[k] }
       printf "%-16s %15.3f %15.3f %15.3f %15.3f %15.2f %15.2f\n", "total", t[1], t[2], t[3], t[4], t[3] / t[4], t[2] / t[4] }' \
  "$tmp/smile2" "$tmp/smile1" "$tmp/sklearn"
rebuilt
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
