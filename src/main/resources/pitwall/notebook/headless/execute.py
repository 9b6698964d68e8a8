"""Executes notebooks headless with nbclient under a named kernel; one JSON line per notebook on stdout.

Run by pitwall.notebook.headless.HeadlessRun with Debian's python3 (which has nbclient/nbconvert), not the
project's own logic: it only drives Jupyter. Cells run one by one so a failure names its cell.
"""
import argparse
import json
import pathlib
import sys
import time
import traceback

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter


def first_line(source):
    lines = [l for l in source.splitlines() if l.strip()]
    return lines[0].strip() if lines else ""


def execute(path, out_dir, kernel, cwd, timeout, startup_timeout):
    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, startup_timeout=startup_timeout,
                            allow_errors=False, resources={"metadata": {"path": str(cwd)}})
    started = time.monotonic()
    failure = None
    cells_run = 0
    first_result = None
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                try:
                    client.execute_cell(cell, index)
                    cells_run += 1
                    if first_result is None:
                        first_result = time.monotonic() - started
                except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
                    failure = {
                        "cell": index + 1,
                        "source": first_line(cell.source),
                        "ename": getattr(e, "ename", type(e).__name__),
                        "evalue": getattr(e, "evalue", str(e).strip().splitlines()[-1] if str(e).strip() else ""),
                    }
                    break
    except Exception as e:  # kernel did not start, connection lost
        failure = {"cell": None, "source": "", "ename": type(e).__name__, "evalue": str(e).strip()}
    seconds = time.monotonic() - started

    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / path.name
    nbformat.write(nb, str(executed))
    html, _ = HTMLExporter().from_notebook_node(nb)
    (out_dir / (path.stem + ".html")).write_text(html, encoding="utf-8")
    return {"notebook": path.name, "ok": failure is None, "seconds": round(seconds, 3),
            "firstResultSeconds": None if first_result is None else round(first_result, 3),
            "cellsRun": cells_run, "executed": str(executed), "html": str(out_dir / (path.stem + ".html")),
            "failure": failure}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--startup-timeout", type=int, default=60)
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    status = 0
    for name in args.notebooks:
        try:
            result = execute(pathlib.Path(name), pathlib.Path(args.out), args.kernel, pathlib.Path(args.cwd),
                             args.timeout, args.startup_timeout)
        except Exception as e:  # unreadable notebook, unwritable output
            result = {"notebook": pathlib.Path(name).name, "ok": False, "seconds": 0, "cellsRun": 0,
                      "failure": {"cell": None, "source": "", "ename": type(e).__name__, "evalue": str(e)},
                      "detail": traceback.format_exc()}
        status = status or (0 if result["ok"] else 1)
        print(json.dumps(result), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
