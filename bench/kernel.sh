#!/usr/bin/env bash
# Jupyter kernel benchmark (prints figures; not a test). For RUNS fresh kernels started by Debian's jupyter_client
# from the installed kernelspec (as a notebook server does), measures:
#   ready  - kernel process start until the kernel answers kernel_info (jupyter_client's wait_for_ready),
#   first  - kernel process start until the first cell's result is back (goal < 3 s),
#   cell   - the first cell alone (it waits for JShell's start-up if that is still running).
# The first cell is FIRST_CELL (default `1 + 1`). Run 1 after a jar change starts without the class-data archive
# (the JVM writes pitwall-kernel.jsa beside the jar when that kernel exits); later runs map it. RESET_CDS=1 deletes
# the archive first, to show both. Env: RUNS (5), PITWALL_JAR or PITWALL_BUILD (a build dir holding pitwall.jar,
# e.g. target-kernel from `mvn -Dpitwall.build=target-kernel package`; default target/pitwall.jar).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
RUNS=${RUNS:-5}
FIRST_CELL=${FIRST_CELL:-1 + 1}
PY=/usr/bin/python3
if [[ -z "${PITWALL_JAR:-}" && -n "${PITWALL_BUILD:-}" ]]; then
  PITWALL_JAR="$PITWALL_BUILD/pitwall.jar"
fi
PITWALL_JAR=$(realpath "${PITWALL_JAR:-target/pitwall.jar}")
[[ -f "$PITWALL_JAR" ]] || { echo "no jar at $PITWALL_JAR: build it (./pitwall --version, or mvn -DskipTests package)" >&2; exit 1; }
"$PY" -c "import jupyter_client" 2>/dev/null \
  || { echo "Debian's jupyter_client is missing: apt-get install jupyter-notebook python3-nbclient" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$JAVA_HOME/bin/java" -jar "$PITWALL_JAR" kernel install --prefix "$work" > /dev/null
export JUPYTER_PATH="$work/share/jupyter" JUPYTER_RUNTIME_DIR="$work/runtime" JUPYTER_CONFIG_DIR="$work/config"
archive="$(dirname "$PITWALL_JAR")/pitwall-kernel.jsa"
if [[ "${RESET_CDS:-0}" == 1 ]]; then rm -f "$archive"; fi

echo "kernel: $PITWALL_JAR"
echo "first cell: $FIRST_CELL"
for i in $(seq "$RUNS"); do
  cds=$([[ -f "$archive" && "$archive" -nt "$PITWALL_JAR" ]] && echo "with CDS archive" || echo "no CDS archive yet")
  "$PY" - "$FIRST_CELL" "$i" "$cds" <<'PYEOF'
import sys, time
from jupyter_client.manager import KernelManager

code, run, cds = sys.argv[1], sys.argv[2], sys.argv[3]
km = KernelManager(kernel_name="pitwall")
t0 = time.monotonic()
km.start_kernel()
kc = km.client()
kc.start_channels()
try:
    kc.wait_for_ready(timeout=120)
    ready = time.monotonic() - t0
    t1 = time.monotonic()
    msg_id = kc.execute(code)
    result = None
    while True:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] in ("execute_result", "error"):
            result = msg["content"].get("data", {}).get("text/plain") or msg["content"].get("ename")
            first = time.monotonic() - t0
            cell = time.monotonic() - t1
            break
    print(f"run {run}: ready {ready:5.2f} s   first result {first:5.2f} s   cell {cell:5.2f} s   -> {result}   ({cds})",
          flush=True)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    del kc, km  # before interpreter shutdown, where jupyter_client's __del__ would fail noisily
PYEOF
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
