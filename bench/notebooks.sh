#!/usr/bin/env bash
# Notebook benchmark (prints figures; not a test): the four notebooks executed headless, as
# `./pitwall notebooks run` does (Debian's Jupyter, a fresh pitwall kernel per notebook, the real data behind the
# local Worker). Goal: all four in < 120 s. Prints each notebook's time and the whole command's wall time; run 1
# after a build starts its kernels without the class-data archive. Executed copies go to target/bench-notebooks.
# Uses the project's local Worker (started if needed and loaded if empty, then stopped again). RUNS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-2}

source bench/local-worker.sh
trap stop_local_worker EXIT
start_local_worker

for i in $(seq "$RUNS"); do
  echo "== run $i =="
  t0=$(date +%s.%N)
  ./pitwall notebooks run --out target/bench-notebooks
  t1=$(date +%s.%N)
  echo "wall time, the whole command (JVM, Worker check, 4 kernels): $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s (goal < 120 s)"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
