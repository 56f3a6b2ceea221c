"""A pytest fork server for mutation runs: each mutant's tests start from a process that has
already imported the libraries they use, so a run costs the tests, not the imports.

    python -m tools.forkserver serve SOCKET -- PYTEST_ARGS   # warm up on these tests, serve
    python -m tools.forkserver run SOCKET -- PYTEST_ARGS     # one run; exits with pytest's code

``serve`` first runs the tests once in a child (the warm-up) and learns which modules they
import; it imports those in itself, except the checkout's own (everything under the working
directory: ``chainkg``, ``tests``, ``tools`` …, which a mutant changes and each run must read
fresh) and the modules of pytest plugins (pytest rewrites those itself when it loads them).
Then each ``run`` is a fork of the server: the child takes the client's working directory,
environment and standard streams, runs ``pytest.main(args)`` and exits with its code, which
the client exits with.  When the client goes away (cosmic-ray kills it at its timeout) the
child and its process group are killed.  With no server on the socket, ``run`` runs pytest
itself, so an answer never depends on the server being there.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import importlib.metadata
import json
import os
import select
import signal
import socket
import struct
import sys
from pathlib import Path

STATUS = struct.Struct("!i")
LENGTH = struct.Struct("!I")
POLL = 0.05
"""Seconds between checks that the client is still there."""


def _exit_code(status: int) -> int:
    """Return the shell's exit code of a wait status (128 + the signal when killed)."""
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def _plugin_packages() -> set[str]:
    """Return the top-level packages of the distributions that register pytest plugins."""
    plugin_dists = {
        d.metadata["Name"]
        for d in importlib.metadata.distributions()
        if any(ep.group == "pytest11" for ep in d.entry_points)
    }
    return {
        top
        for top, dists in importlib.metadata.packages_distributions().items()
        if plugin_dists & set(dists)
    }


def _own(name: str, module: object, here: Path) -> bool:
    """Return whether a module is the checkout's own (or has no file to tell)."""
    file = getattr(module, "__file__", None)
    if name == "__main__" or not file:
        return name.partition(".")[0] in {"chainkg", "tests", "tools", "bench", "__main__"}
    return Path(file).resolve().is_relative_to(here)


def _run_pytest(args: list[str], cwd: str) -> int:
    """Run pytest in this (forked) process as ``python -m pytest`` in ``cwd`` would."""
    import pytest  # in the child, from the warm server's modules

    os.chdir(cwd)
    sys.path[0] = cwd
    sys.argv = ["pytest", *args]
    sys.dont_write_bytecode = True  # as cosmic-ray's PYTHONDONTWRITEBYTECODE asks
    return int(pytest.main(args))


def _child(args: list[str], cwd: str, env: dict[str, str], fds: list[int]) -> None:
    """Become the client's test run: its session, environment and streams; never return."""
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 - the process's own streams
        sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
        os.environ.clear()
        os.environ.update(env)
        code = _run_pytest(args, cwd)
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _read(conn: socket.socket) -> tuple[dict[str, object], list[int]]:
    """Return a client's request (its args, cwd and environment) and its three stream fds."""
    head, fds, _, _ = socket.recv_fds(conn, LENGTH.size, 3)
    if len(head) < LENGTH.size or len(fds) != 3:
        raise ConnectionError("short request")
    (size,) = LENGTH.unpack(head)
    body = b""
    while len(body) < size:
        chunk = conn.recv(size - len(body))
        if not chunk:
            raise ConnectionError("client went away")
        body += chunk
    request: dict[str, object] = json.loads(body)
    return request, fds


def _serve_one(conn: socket.socket) -> None:
    """Fork a test run for one client; answer its exit code, or kill it when the client goes."""
    request, fds = _read(conn)
    args = [str(a) for a in request["args"]]  # type: ignore[attr-defined]
    env = {str(k): str(v) for k, v in request["env"].items()}  # type: ignore[attr-defined]
    pid = os.fork()
    if pid == 0:
        conn.close()
        _child(args, str(request["cwd"]), env, fds)
    for fd in fds:
        os.close(fd)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            conn.sendall(STATUS.pack(_exit_code(status)))
            return
        readable, _, _ = select.select([conn], [], [], POLL)
        if readable and not conn.recv(1):  # the client is gone: stop its run
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return


def _warm_up(args: list[str]) -> list[str]:
    """Run the tests once in a child, output discarded; return the modules to import here."""
    here = Path.cwd().resolve()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        try:
            _run_pytest(args, str(here))
            plugins = _plugin_packages()
            loaded = [
                n
                for n, m in list(sys.modules.items())
                if m is not None and not _own(n, m, here) and n.partition(".")[0] not in plugins
            ]
            with os.fdopen(write, "w") as out:
                json.dump(sorted(loaded), out)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as inp:
        text = inp.read()
    os.waitpid(pid, 0)
    names: list[str] = json.loads(text) if text else []
    return names


def serve(path: Path, args: list[str]) -> None:
    """Warm up on ``args``, then serve test runs on the Unix socket ``path`` until killed."""
    loaded = 0
    for name in _warm_up(args):
        try:
            importlib.import_module(name)
            loaded += 1
        except Exception:  # a module that cannot load alone is left out
            continue
    gc.collect()
    gc.freeze()  # the children share the server's objects without copying them
    path.unlink(missing_ok=True)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(4)
        print(f"forkserver: {loaded} modules loaded, serving on {path}", flush=True)
        while True:
            conn, _ = server.accept()
            with conn, contextlib.suppress(ConnectionError, OSError):
                _serve_one(conn)


def run(path: Path, args: list[str]) -> int:
    """Run pytest with ``args`` through the server at ``path``; return its exit code.  With no
    server there, run pytest in this process instead (same answer, slower)."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
    except OSError:
        conn.close()
        print(f"forkserver: none at {path}; running pytest here", file=sys.stderr)
        os.execv(sys.executable, [sys.executable, "-m", "pytest", *args])
    request = json.dumps({"args": args, "cwd": os.getcwd(), "env": dict(os.environ)}).encode()
    with conn:
        socket.send_fds(conn, [LENGTH.pack(len(request))], [0, 1, 2])
        conn.sendall(request)
        answer = b""
        while len(answer) < STATUS.size:
            chunk = conn.recv(STATUS.size - len(answer))
            if not chunk:
                print("forkserver: the server went away", file=sys.stderr)
                return 1
            answer += chunk
    (code,) = STATUS.unpack(answer)
    return int(code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["serve", "run"])
    parser.add_argument("socket", type=Path)
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    pytest_args = args.pytest_args[1:] if args.pytest_args[:1] == ["--"] else args.pytest_args
    if args.command == "serve":
        serve(args.socket, pytest_args)
        return 0
    return run(args.socket, pytest_args)


if __name__ == "__main__":
    sys.exit(main())
