# Sourced by the bench scripts (from the project root): the project's local Worker, started by start_local_worker
# when it is not running, and stopped again by stop_local_worker (call it from the script's EXIT trap) only then.
started_worker=0
start_local_worker() {
  if ! ./pitwall worker status | grep -q "running"; then # also builds target/pitwall.jar if sources changed
    ./pitwall worker start # its D1 in .pitwall/d1 keeps the data; load it once with ./pitwall data load
    started_worker=1
  fi
}
stop_local_worker() { if ((started_worker)); then ./pitwall worker stop || true; fi; }
