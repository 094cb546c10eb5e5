"""Kernels forked from one process that has already imported what every kernel needs.

Every notebook runs in a fresh kernel, and a fresh Python process spends about a second of
processor time importing IPython's kernel, pandas and pyarrow before it runs a line of the
notebook. The three kernels of a run paid for the same imports three times, on a machine of
two cores that had other work to do at the same time (notebook 01 itself, the output worker,
the renderers' imports).

A :class:`Zygote` is a Python process started with a run's first kernel. It imports those
modules once (:data:`COMMON_IMPORTS`) and then forks a kernel each time it is asked for one. A
forked kernel is a fresh kernel all the same: a process of its own, in a session of its own,
with its own namespace, connection file, working folder, log and environment, running
IPython's kernel as ``python -m ipykernel_launcher`` would, only with those modules imported
already (each kernel still imports the rest of what it needs itself: see
:data:`pipeline.run.kernels.KERNEL_PRELOAD`). Asking for a kernel does not wait for the
zygote; the kernel's working folder and log are handed over as open files, so they may be
renamed meanwhile. Once a run has asked for its last kernel, the zygote ends, and its kernels
become children of the run's process (which is made their "subreaper" for that), so that they
are waited for and counted as its own, as before.

Forking kernels needs Linux (process file descriptors and subreapers); elsewhere, or when the
zygote cannot be started, kernels are started as jupyter_client starts them.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import importlib
import json
import logging
import os
import select
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

COMMON_IMPORTS = ("ipykernel.kernelapp", "pandas", "pyarrow", "pipeline.run.handoff")
"""What every kernel of a run imports: the zygote imports it before it forks any."""
PR_SET_CHILD_SUBREAPER = 36  # prctl option: orphaned descendants become this process's children
MESSAGE_SIZE = 1 << 20  # bytes: the largest request (the kernel's environment, mostly)


def supported() -> bool:
    """Whether kernels can be forked here: Linux, with process file descriptors."""
    return sys.platform == "linux" and hasattr(os, "pidfd_open")


def _prctl(option: int, value: int) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


class _Subreaper:
    """This process as the one a zygote's kernels belong to once the zygote ends: while any of
    its zygotes is open, and not after (a subreaper takes in every orphan of its descendants,
    which it would then have to collect)."""

    lock = threading.Lock()
    zygotes = 0

    @classmethod
    def enter(cls) -> bool:
        with cls.lock:
            if cls.zygotes == 0 and not _prctl(PR_SET_CHILD_SUBREAPER, 1):
                return False
            cls.zygotes += 1
            return True

    @classmethod
    def leave(cls) -> None:
        with cls.lock:
            cls.zygotes -= 1
            if cls.zygotes == 0:
                _prctl(PR_SET_CHILD_SUBREAPER, 0)


class ForkedProcess:
    """A kernel forked by the zygote, with the parts of :class:`subprocess.Popen` that
    jupyter_client uses: ``pid``, ``poll``, ``wait``, ``send_signal``, ``kill``, ``terminate``.

    Its process id is read from the zygote's reply the first time it is needed. It is the
    zygote's child until the zygote ends and the run's after that, so it is watched through a
    process file descriptor, which works whoever its parent is.
    """

    stdin = stdout = stderr = None

    def __init__(self, zygote: Zygote) -> None:
        self._zygote = zygote
        self._pid: int | None = None
        self._pidfd: int | None = None
        self.returncode: int | None = None

    def settle(self, reply: dict) -> None:
        """Take the zygote's reply to this kernel's request: its process id, or an error."""
        if "pid" not in reply:
            self._pid, self.returncode = 0, 1  # never started: to the run, a kernel that died
            return
        self._pid = reply["pid"]
        try:
            self._pidfd = os.pidfd_open(self._pid)
        except ProcessLookupError:  # it ended, and the zygote collected it
            self.returncode = 1

    @property
    def pid(self) -> int:
        if self._pid is None:
            self._zygote.settle(self)
        return self._pid

    def _collect(self) -> int:
        """The exit status of the ended process; when the zygote collected it (it was still its
        parent), the status is not known and it counts as killed."""
        with contextlib.suppress(ChildProcessError):
            _, status = os.waitpid(self._pid, 0)
            return os.waitstatus_to_exitcode(status)
        return -signal.SIGKILL

    def poll(self) -> int | None:
        return self.wait(timeout=0)

    def wait(self, timeout: float | None = None) -> int | None:
        if self.pid and self.returncode is None:
            ready, _, _ = select.select([self._pidfd], [], [], timeout)
            if not ready:
                if timeout == 0:
                    return None
                raise subprocess.TimeoutExpired(str(self._pid), timeout)
            self.returncode = self._collect()
            os.close(self._pidfd)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        """Signal the kernel and what it started: its process group, as jupyter_client does."""
        if self.pid and self.poll() is None:
            try:
                os.killpg(self._pid, signum)
            except OSError:
                with contextlib.suppress(ProcessLookupError):
                    signal.pidfd_send_signal(self._pidfd, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class Zygote:
    """The process a run's kernels are forked from (see the module's description).

    Raises OSError when kernels cannot be forked on this system.
    """

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        if not supported() or not _Subreaper.enter():
            msg = "kernels cannot be forked on this system"
            raise OSError(msg)
        self._socket, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            with open(log_path, "ab") as errors:
                self._process = subprocess.Popen(
                    [sys.executable, "-m", "pipeline.run.zygote", str(theirs.fileno())],
                    stdin=subprocess.DEVNULL,
                    stdout=errors,
                    stderr=errors,
                    env=env,
                    pass_fds=[theirs.fileno()],
                )
        except BaseException:
            self._socket.close()
            _Subreaper.leave()
            raise
        finally:
            theirs.close()
        self._closed = False
        self._lock = threading.Lock()
        self._waiting: collections.deque[ForkedProcess] = collections.deque()

    def fork(self, argv: list[str], *, cwd: str, log: str, env: dict[str, str]) -> ForkedProcess:
        """A kernel started with ``argv`` (ipykernel's arguments) in the folder ``cwd``,
        printing to the file ``log``, with the environment ``env``. Returns at once."""
        folder = os.open(cwd, os.O_RDONLY | os.O_DIRECTORY)
        try:
            output = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                return self._ask({"kind": "kernel", "argv": argv, "env": env}, [folder, output])
            finally:
                os.close(output)
        finally:
            os.close(folder)

    def fork_worker(self, connection: int) -> ForkedProcess:
        """An output worker (:func:`pipeline.run.worker.serve`) on the connection ``connection``,
        in this process's folder and environment, printing where this process prints. Returns
        at once."""
        folder = os.open(os.getcwd(), os.O_RDONLY | os.O_DIRECTORY)
        try:
            return self._ask(
                {"kind": "worker", "env": dict(os.environ)}, [connection, folder, 1, 2]
            )
        finally:
            os.close(folder)

    def _ask(self, request: dict, fds: list[int]) -> ForkedProcess:
        process = ForkedProcess(self)
        try:
            with self._lock:
                socket.send_fds(self._socket, [json.dumps(request).encode()], fds)
                self._waiting.append(process)
        except OSError:
            process.settle({})
        return process

    def _read_reply(self) -> None:
        try:
            answer = self._socket.recv(MESSAGE_SIZE)
        except OSError:
            answer = b""
        self._waiting.popleft().settle(json.loads(answer) if answer else {})

    def settle(self, kernel: ForkedProcess) -> None:
        """Read the zygote's replies, in the order of the requests, up to ``kernel``'s."""
        with self._lock:
            while kernel in self._waiting:
                self._read_reply()

    def finish(self) -> None:
        """No more kernels: the zygote ends once it has forked those asked for. Returns at
        once."""
        with self._lock, contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        """Finish, take every reply and wait for the zygote to end. Called once the run's
        kernels have ended: this process then stops being their subreaper."""
        if self._closed:
            return
        self._closed = True
        self.finish()
        with self._lock:
            while self._waiting:
                self._read_reply()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._socket.close()
        _Subreaper.leave()


# --- the zygote process ------------------------------------------------------------------------


# glibc's mallopt options, and what a kernel sets them to (see _fewer_page_faults).
M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
KERNEL_MALLOC = {M_MMAP_THRESHOLD: 32 << 20, M_TRIM_THRESHOLD: 1 << 30, M_TOP_PAD: 64 << 20}


def _fewer_page_faults() -> None:
    """Have C's memory allocator keep what a kernel frees for what it allocates next.

    By default glibc gives every block of 128 kB or more its own fresh mapping, and returns
    freed memory to the system at once, so each new frame's pages fault when they are first
    written (about 55,000 faults to read 100 times the sample). Blocks up to 32 MB (glibc's
    largest setting) come from the heap instead, which is kept (up to 1 GB free) and grown 64 MB
    at a time: the same reading faults about 33,000 times. Nothing but glibc has mallopt, and
    elsewhere nothing changes.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    for option, value in KERNEL_MALLOC.items():
        mallopt(option, value)


def _take_over(request: dict, folder: int, stdout: int, stderr: int, *, session: bool) -> None:
    """In a forked child: the signals, folder, standard streams and environment of its own
    (``session``: in a session of its own too, as jupyter_client starts kernels)."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # it waits for the programs it runs
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if session:
        os.setsid()
    os.fchdir(folder)
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    os.dup2(stdout, 1)
    os.dup2(stderr, 2)
    for fd in {stdin, folder, stdout, stderr}:
        os.close(fd)
    # Python's own streams were made for the zygote's: new ones, on the new files.
    sys.stdin = sys.__stdin__ = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = sys.__stdout__ = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = sys.__stderr__ = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    os.environ.clear()
    os.environ.update(request["env"])


def _worker(request: dict, fds: list[int]) -> None:
    """In the forked child: become the run's output worker (in the run's process group, so
    that Ctrl+C reaches it as it reaches the run), then end."""
    connection, folder, stdout, stderr = fds
    try:
        _take_over(request, folder, stdout, stderr, session=False)
        from pipeline.run.worker import serve

        serve(connection)  # ends the process itself
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        os._exit(1)


def _kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: become the kernel the request describes, then end."""
    folder, output = fds
    code = 1
    try:
        _take_over(request, folder, output, output, session=True)
        sys.argv = [sys.executable, *request["argv"]]
        _fewer_page_faults()
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=request["argv"])
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # the kernel's log says what went wrong
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def serve(channel: socket.socket) -> None:
    """Fork a kernel for each request on ``channel`` until the run says there are no more."""
    while True:
        message, fds, _, _ = socket.recv_fds(channel, MESSAGE_SIZE, 4)
        if not message:
            return
        request = json.loads(message)
        try:
            pid = os.fork()
        except OSError as error:
            if request["kind"] == "kernel":
                os.write(fds[1], f"The kernel could not be started: {error}\n".encode())
            reply = {"error": str(error)}
        else:
            if pid == 0:
                channel.close()
                (_kernel if request["kind"] == "kernel" else _worker)(request, fds)
            reply = {"pid": pid}
        for fd in fds:
            os.close(fd)
        channel.send(json.dumps(reply).encode())


def main(argv: list[str]) -> None:
    """The zygote: import, then serve the run's requests; end without Python's teardown."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels that end before it are collected
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the run, which ends it
    channel = socket.socket(fileno=int(argv[0]))
    for module in COMMON_IMPORTS:
        importlib.import_module(module)
    serve(channel)
    os._exit(0)  # the imports were for the kernels: nothing to take apart


if __name__ == "__main__":
    main(sys.argv[1:])
