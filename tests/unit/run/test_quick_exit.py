"""Ending a process without the interpreter's teardown: what a normal exit does still happens."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import atexit, logging, pathlib, sys, threading, time
    from pipeline.run.quick_exit import exit_now

    folder = pathlib.Path(sys.argv[1])
    atexit.register(lambda: (folder / "atexit.txt").write_text("ran"))
    logging.basicConfig(filename=folder / "log.txt", level=logging.INFO)
    logging.getLogger("x").info("logged")

    def later():
        time.sleep(0.2)
        (folder / "thread.txt").write_text("finished")

    threading.Thread(target=later).start()
    sys.stdout.write("no newline at the end")
    exit_now(3)
    """
)


def test_exit_now_keeps_the_code_and_does_what_an_exit_does(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 3
    assert done.stdout == "no newline at the end"
    assert (tmp_path / "atexit.txt").read_text() == "ran"
    assert (tmp_path / "thread.txt").read_text() == "finished"  # the other thread was waited for
    assert "logged" in (tmp_path / "log.txt").read_text()
