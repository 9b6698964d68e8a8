#!/usr/bin/env bash
# Predictor start-up benchmark (prints figures; not a test): launches `./pitwall serve` RUNS times on a free port and
# reports, per launch and as median / min / max, the time from the launch to the first 200 from /ping (the model is
# loaded and the socket bound; the goal is within a second), the process's CPU time by then, and the load average
# beside it (the machine may be shared: read wall times with the load, CPU times are steadier). The first launch
# after a build writes the class-data archive and is reported apart.
# Uses the newest bundle under models/ensembles (or MODEL) and the local Worker (started if needed, and stopped again).
# Env: RUNS (7), MODEL (a bundle dir), PORT (a free one).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/local-worker.sh
RUNS=${RUNS:-7}
MODEL=${MODEL:-$(ls -d models/ensembles/*/ 2>/dev/null | sort | tail -1 || true)}
[[ -n "$MODEL" ]] || { echo "serve-startup.sh: no bundle under models/ensembles; run ./pitwall quickstart first" >&2; exit 1; }
trap stop_local_worker EXIT
start_local_worker
./pitwall --version >/dev/null # builds the jar first if sources changed, so no launch below waits on Maven
echo "nproc $(nproc), model $MODEL, $RUNS launches"
/usr/bin/python3 - "$RUNS" "$MODEL" "${PORT:-0}" <<'PY'
import http.client, os, signal, socket, statistics, subprocess, sys, tempfile, time
runs, model, port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
tick = os.sysconf("SC_CLK_TCK")
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
def launch(settle=False):
    p_ = port or free_port()
    load = float(open("/proc/loadavg").read().split()[0])
    t0 = time.perf_counter()
    log = tempfile.TemporaryFile()
    p = subprocess.Popen(["./pitwall", "serve", "--model", model, "--host", "127.0.0.1", "--port", str(p_)],
                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    ready = False
    while time.perf_counter() - t0 < 60 and p.poll() is None:
        try:
            c = http.client.HTTPConnection("127.0.0.1", p_, timeout=1)
            c.request("GET", "/ping")
            ready = c.getresponse().status == 200
            c.close()
            if ready:
                break
        except OSError:
            pass
        time.sleep(0.005)
    ms = (time.perf_counter() - t0) * 1000
    stat = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split() if p.poll() is None else None
    cpu = (int(stat[11]) + int(stat[12])) * 1000 / tick if stat else float("nan")
    # The launch that writes the archive runs until history is loaded: the archive then holds what a real run loads,
    # and the JVM's dump at exit does not race the history fetch (JDK 25 crashed in such races, SIGSEGV in
    # LambdaProxyClassDictionary, when stopped mid-fetch).
    while settle and ready and p.poll() is None and time.perf_counter() - t0 < 90:
        log.seek(0)
        if b"history loaded" in (out := log.read()) or b"history not loaded" in out:
            break
        time.sleep(0.1)
    os.killpg(p.pid, signal.SIGTERM)
    p.wait(timeout=60) # the first launch writes the archive as it exits
    if not ready:
        log.seek(0)
        sys.exit(f"the predictor did not answer /ping within 60 s:\n{log.read().decode(errors='replace')[-2000:]}")
    return ms, cpu, load
first = launch(settle=True)
print(f"first launch (writes the archive when there is none): {first[0]:.0f} ms, CPU {first[1]:.0f} ms, load {first[2]:.2f}")
rows = []
for i in range(runs):
    rows.append(launch())
    print(f"launch {i + 1}: ready {rows[-1][0]:.0f} ms, CPU {rows[-1][1]:.0f} ms, load {rows[-1][2]:.2f}", flush=True)
    time.sleep(0.3)
ms, cpu, load = zip(*rows)
print(f"ready (first /ping 200): median {statistics.median(ms):.0f} ms, min {min(ms):.0f}, max {max(ms):.0f}; "
      f"CPU median {statistics.median(cpu):.0f} ms; load {min(load):.2f} - {max(load):.2f} "
      f"(goal: within a second of the launch)")
PY
