#!/usr/bin/env bash
# Data-path benchmark (prints figures; not a test). Measures:
#   1. loading the whole Ergast dump into the local D1 (validation + wrangler d1 execute),
#   2. frames for 2014-2025 through the local Worker, each run in a fresh JVM (goal < 5 s),
#   3. the same frames from the content-hashed snapshot, fresh JVM (goal < 1 s).
# Uses the project's local Worker (started if needed, and then stopped again).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}

source bench/local-worker.sh
trap stop_local_worker EXIT
start_local_worker

echo "== 1. full dump into the local D1 =="
./pitwall data load | tail -n 4

echo "== 2. frames 2014-2025 through the Worker (fresh JVM each run) =="
hash=""
for i in $(seq "$RUNS"); do
  out=$(./pitwall data frames --from 2014 --to 2025)
  echo "$out" | head -n 1
  hash=$(echo "$out" | sed -n 's/^snapshot \([0-9a-f]*\) .*/\1/p')
done

echo "== 3. frames 2014-2025 from snapshot $hash (fresh JVM each run) =="
for i in $(seq "$RUNS"); do
  ./pitwall data frames --from 2014 --to 2025 --snapshot "$hash"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
