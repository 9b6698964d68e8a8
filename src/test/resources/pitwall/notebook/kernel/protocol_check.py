"""Drives the pitwall kernel through Debian's jupyter_client and prints what it saw as one JSON object.

Run by KernelProtocolTest with /usr/bin/python3 and JUPYTER_PATH pointing at a private kernelspec. It only records
observations; the Java test makes the assertions.
"""
import json
import queue
import sys
import time

from jupyter_client.manager import KernelManager


def collect(kc, msg_id, timeout):
    """iopub messages of one request until the kernel is idle again, and the shell reply."""
    outputs = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
        if kind in ("stream", "execute_result", "display_data", "error"):
            outputs.append({"type": kind, "content": msg["content"]})
    while True:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return outputs, reply["content"]


def execute(kc, km, code, timeout=120, interrupt_after=None):
    started = time.monotonic()
    msg_id = kc.execute(code)
    if interrupt_after is not None:
        time.sleep(interrupt_after)
        km.interrupt_kernel()
    outputs, reply = collect(kc, msg_id, timeout)
    return {"code": code, "status": reply["status"], "reply": reply, "outputs": outputs,
            "seconds": round(time.monotonic() - started, 3)}


def request(kc, send, timeout=60):
    msg_id = send()
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def main():
    log_path = sys.argv[1]
    result = {}
    km = KernelManager(kernel_name="pitwall")
    started = time.monotonic()
    with open(log_path, "w") as log:
        km.start_kernel(stdout=log, stderr=log)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        result["ready_seconds"] = round(time.monotonic() - started, 3)
        cells = result["cells"] = {}
        cells["add"] = execute(kc, km, "1 + 1")
        result["first_result_seconds"] = round(time.monotonic() - started, 3)
        cells["print"] = execute(kc, km, 'System.out.println("hello from java");\nSystem.err.println("careful");')
        cells["compile_error"] = execute(kc, km, "int x = 1;\nint y = nope;")
        cells["exception"] = execute(kc, km, "int[] laps = new int[1];\n\nlaps[3] = 1;")
        cells["interrupt"] = execute(kc, km, "while (true) { }", interrupt_after=2.0)
        cells["after_interrupt"] = execute(kc, km, "x + 41")
        cells["display"] = execute(kc, km, 'display("shown");\n"returned"')
        cells["table"] = execute(kc, km, 'Table.create("grid", IntColumn.create("pos", 1, 2))')
        cells["bad_magic"] = execute(kc, km, "%jars /no/such/dir/*.jar")
        result["complete"] = request(kc, lambda: kc.complete("Strin", 5))
        result["is_complete"] = {
            "open": request(kc, lambda: kc.is_complete("for (int i = 0;")),
            "done": request(kc, lambda: kc.is_complete("1 + 1")),
        }
        result["inspect"] = request(kc, lambda: kc.inspect("Math.max(", 9))
        kernel_info = request(kc, kc.kernel_info)
        result["kernel_info"] = {"language_info": kernel_info.get("language_info"),
                                 "implementation": kernel_info.get("implementation")}
    finally:
        kc.stop_channels()
        stopping = time.monotonic()
        km.shutdown_kernel(now=False)
        result["shutdown_seconds"] = round(time.monotonic() - stopping, 3)
        result["alive_after_shutdown"] = km.is_alive()
    with open(log_path) as log:
        result["kernel_log"] = log.read()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
