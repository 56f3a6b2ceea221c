"""A real Neo4j 5.26 server for tests and local development, without Docker.

The server is the small Maven project in ``neo4j-embedded/``: an embedded Neo4j Community
``DatabaseManagementService`` with the Bolt connector on ``127.0.0.1:PORT`` (no TLS, no HTTP,
authentication on, user ``neo4j``) over a persistent data directory.

Use it from Python::

    from tools.neo4j_server import EmbeddedNeo4j, free_port

    with EmbeddedNeo4j(free_port(), tmp_path / "neo4j") as server:
        driver = neo4j.GraphDatabase.driver(server.uri, auth=server.auth)

or from the shell::

    python tools/neo4j_server.py build
    python tools/neo4j_server.py start [--port 7687] [--data-dir .neo4j-data] [--password PW]
    eval "$(python tools/neo4j_server.py start)"    # the same, and the NEO4J_* variables set
    python tools/neo4j_server.py status
    python tools/neo4j_server.py stop

Only the standard library is needed; the ``neo4j`` driver, when installed, is used to check that
the server really answers ``RETURN 1`` (otherwise a raw Bolt handshake is checked).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType

REPO_ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIR = REPO_ROOT / "neo4j-embedded"
TARGET_DIR = PROJECT_DIR / "target"
BUILD_STAMP = TARGET_DIR / ".chainkg-build-stamp"
MAIN_CLASS = "chainkg.EmbeddedNeo4j"

HOST = "127.0.0.1"
USER = "neo4j"
DEFAULT_PASSWORD = "chainkg-test"
DEFAULT_PORT = 7687
DEFAULT_DATA_DIR = Path(".neo4j-data")
READY_PREFIX = "NEO4J READY "

LOG_NAME = "neo4j.log"
PID_NAME = "neo4j.pid"
URI_NAME = "neo4j.uri"
ENV_NAME = "neo4j.env"
"""The running server's ``export NEO4J_…`` line (owner-only: it holds the password)."""

# JVM flags for Neo4j 5.26 on Java 17 (the same opens the Neo4j server's own neo4j.conf uses):
# - java.nio: the page cache allocates/frees its memory through DirectByteBuffer by reflection;
#   without it Neo4j logs "Reflection access to java.nio.DirectByteBuffer is not available, using
#   fallback mode" and uses more memory.
# - sun.nio.ch and java.io: the transaction-log writer reads the file descriptor out of
#   FileChannelImpl/FileDescriptor to preallocate and fadvise log files; without them every log
#   file operation logs "Incorrect file descriptor".
# - io.netty.tryReflectionSetAccessible: lets the Bolt server's Netty use direct buffers without
#   the slower fallback (needs the java.nio open above).
JVM_FLAGS: tuple[str, ...] = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


def free_port(host: str = HOST) -> int:
    """Return a TCP port on ``host`` that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def _log(message: str) -> None:
    print(f"[neo4j-server] {message}", file=sys.stderr, flush=True)


def _port_in_use(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((host, port)) == 0


def _bolt_handshake(host: str, port: int, timeout: float = 5.0) -> bool:
    """True when a Bolt server answers the version handshake on host:port."""
    magic = bytes.fromhex("6060B017")
    # Propose Bolt 5.x (range 5.0-5.8) and 4.4.
    versions = bytes.fromhex("00080805") + bytes.fromhex("00000404") + bytes(8)
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(magic + versions)
            answer = sock.recv(4)
    except OSError:
        return False
    return len(answer) == 4 and answer != bytes(4)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():  # guard against a reused pid
        try:
            return MAIN_CLASS.encode() in cmdline.read_bytes()
        except OSError:
            return False
    return True


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise RuntimeError(
            "java not found: install a JDK 17 or 21 (apt-get install openjdk-17-jdk)"
        )
    return java


def _sources() -> Iterator[Path]:
    yield PROJECT_DIR / "pom.xml"
    yield from (p for p in (PROJECT_DIR / "src").rglob("*") if p.is_file())


def _build_is_current() -> bool:
    lib = TARGET_DIR / "lib"
    main_class = TARGET_DIR / "classes" / "chainkg" / "EmbeddedNeo4j.class"
    if not (BUILD_STAMP.exists() and main_class.exists() and lib.is_dir()):
        return False
    if not any(lib.glob("neo4j-bolt-*.jar")):
        return False
    stamp = BUILD_STAMP.stat().st_mtime
    return all(src.stat().st_mtime <= stamp for src in _sources())


def build(force: bool = False) -> None:
    """Build ``neo4j-embedded/`` with Maven unless its output is up to date."""
    if not force and _build_is_current():
        return
    TARGET_DIR.mkdir(parents=True, exist_ok=True)
    with open(TARGET_DIR / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time (e.g. parallel test workers)
        if not force and _build_is_current():
            return
        mvn = shutil.which("mvn")
        if mvn is None:
            raise RuntimeError("mvn not found: install Maven (apt-get install maven)")
        # A changed pom may change the dependency set: do not keep stale jars around.
        shutil.rmtree(TARGET_DIR / "lib", ignore_errors=True)
        BUILD_STAMP.unlink(missing_ok=True)
        _log(
            f"building {PROJECT_DIR.name} with Maven (the first build downloads ~160 MB "
            "from Maven Central into ~/.m2)..."
        )
        started = time.monotonic()
        stamp_time = time.time()
        result = subprocess.run(
            [mvn, "-q", "-B", "-Dstyle.color=never", "package", "-DskipTests"],
            cwd=PROJECT_DIR,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            check=False,
        )
        output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout.decode(errors="replace")).strip()
        if result.returncode != 0:
            tail = "\n".join(output.splitlines()[-40:])
            raise RuntimeError(
                f"building {PROJECT_DIR} failed (mvn exit code {result.returncode}):\n{tail}"
            )
        if output:
            _log(output)
        BUILD_STAMP.write_text(f"built by tools/neo4j_server.py at {time.ctime()}\n")
        os.utime(BUILD_STAMP, (stamp_time, stamp_time))
        _log(f"built in {time.monotonic() - started:.1f} s")


class EmbeddedNeo4j:
    """A Neo4j 5.26 Community server (Bolt only) run as a Java child process.

    The server keeps its store in ``data_dir`` (so a restart with the same directory finds the
    data again), writes its console output to ``data_dir/neo4j.log`` and Neo4j's own logs to
    ``data_dir/logs/``, and records its pid in ``data_dir/neo4j.pid``.
    """

    def __init__(
        self,
        port: int,
        data_dir: Path,
        password: str = DEFAULT_PASSWORD,
        *,
        heap: str = "1g",
        page_cache: str = "128m",
    ) -> None:
        if len(password) < 8:
            raise ValueError("Neo4j requires passwords of at least 8 characters")
        self.port = port
        self.data_dir = Path(data_dir).resolve()
        self.password = password
        self.heap = heap
        self.page_cache = page_cache
        self.startup_seconds: float | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    def __repr__(self) -> str:
        return f"EmbeddedNeo4j(uri={self.uri!r}, data_dir={str(self.data_dir)!r})"

    @property
    def uri(self) -> str:
        return f"bolt://{HOST}:{self.port}"

    @property
    def auth(self) -> tuple[str, str]:
        return (USER, self.password)

    @property
    def log_file(self) -> Path:
        return self.data_dir / LOG_NAME

    @property
    def pid_file(self) -> Path:
        return self.data_dir / PID_NAME

    def build(self, force: bool = False) -> None:
        """Build the server with Maven if ``neo4j-embedded/target`` is missing or outdated."""
        build(force)

    def command(self, parent_pid: int | None = None) -> list[str]:
        """The java command line that runs the server."""
        classpath = f"{TARGET_DIR / 'classes'}{os.pathsep}{TARGET_DIR / 'lib' / '*'}"
        cmd = [
            _java(),
            f"-Xms{min(256, _mebibytes(self.heap))}m",
            f"-Xmx{self.heap}",
            *JVM_FLAGS,
            "-cp",
            classpath,
            MAIN_CLASS,
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--home",
            str(self.data_dir),
            "--pagecache",
            self.page_cache,
        ]
        if parent_pid is not None:
            cmd += ["--parent-pid", str(parent_pid)]
        return cmd

    def _recorded_pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def pid(self) -> int | None:
        """The pid of the running server for this data dir, if any."""
        if self._proc is not None:
            return self._proc.pid if self._proc.poll() is None else None
        pid = self._recorded_pid()
        return pid if pid is not None and _pid_alive(pid) else None

    def export_line(self) -> str:
        """Return the shell line that points chainkg at this server (paste it, or ``eval``)."""
        return f"export NEO4J_URI={self.uri} NEO4J_USER={USER} NEO4J_PASSWORD={self.password}"

    def running_export_line(self) -> str:
        """Return the export line recorded by the running server of this data dir."""
        try:
            return (self.data_dir / ENV_NAME).read_text().strip() or self.export_line()
        except OSError:
            return self.export_line()

    def running_uri(self) -> str:
        """The URI recorded by the running server of this data dir (else ``uri``)."""
        try:
            return (self.data_dir / URI_NAME).read_text().strip() or self.uri
        except OSError:
            return self.uri

    def is_running(self) -> bool:
        return self.pid() is not None

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_file.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def start(self, timeout: float = 120.0, *, detach: bool = False) -> None:
        """Start the server and return once Bolt answers ``RETURN 1``.

        With ``detach=False`` (the default) the server also exits by itself when this Python
        process dies, so a crashed test run leaves nothing behind. ``detach=True`` (the CLI's
        ``start``) leaves it running until ``stop``.
        """
        if self._proc is not None and self._proc.poll() is None:
            return
        other = self.pid()
        if other is not None:
            raise RuntimeError(
                f"a server (pid {other}) is already running on {self.data_dir}; "
                f"stop it first: python {Path(__file__).name} stop --data-dir {self.data_dir}"
            )
        if _port_in_use(self.port):
            raise RuntimeError(
                f"port {self.port} on {HOST} is already in use: choose another "
                f"(--port, or make neo4j NEO4J_PORT={self.port + 1})"
            )
        self.build()
        self.data_dir.mkdir(parents=True, exist_ok=True)

        started = time.monotonic()
        with open(self.log_file, "ab") as log:
            log.write(f"==== {time.ctime()} starting {self.uri}\n".encode())
            log.flush()
            offset = log.tell()
            env = dict(os.environ, CHAINKG_NEO4J_PASSWORD=self.password)
            self._proc = subprocess.Popen(
                self.command(parent_pid=None if detach else os.getpid()),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.data_dir,
                env=env,
                start_new_session=True,  # own process group: no terminal signals reach it
            )
        self.pid_file.write_text(f"{self._proc.pid}\n")
        (self.data_dir / URI_NAME).write_text(f"{self.uri}\n")
        env_file = self.data_dir / ENV_NAME
        env_file.unlink(missing_ok=True)
        env_file.touch(mode=0o600)
        env_file.write_text(self.export_line() + "\n")

        try:
            self._wait_ready(offset, started + timeout)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - started

    def _wait_ready(self, offset: int, deadline: float) -> None:
        assert self._proc is not None
        announced = False
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(
                    f"Neo4j exited with code {self._proc.returncode} before it was ready; "
                    f"last lines of {self.log_file}:\n{self.log_tail()}"
                )
            if not announced:
                with open(self.log_file, "rb") as log:
                    log.seek(offset)
                    announced = READY_PREFIX.encode() in log.read()
            if announced and self._bolt_answers():
                return
            time.sleep(0.2)
        raise RuntimeError(
            f"Neo4j did not become ready on {self.uri} in time; "
            f"last lines of {self.log_file}:\n{self.log_tail()}"
        )

    def _bolt_answers(self) -> bool:
        try:
            import neo4j
            import neo4j.exceptions
        except ImportError:
            return _bolt_handshake(HOST, self.port)
        try:
            with neo4j.GraphDatabase.driver(
                self.uri, auth=self.auth, connection_timeout=5.0
            ) as driver:
                records, _, _ = driver.execute_query("RETURN 1 AS one")
                return bool(records and records[0]["one"] == 1)
        except neo4j.exceptions.AuthError as exc:
            raise RuntimeError(f"Neo4j on {self.uri} refused the password: {exc}") from exc
        except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, OSError):
            return False

    def stop(self, timeout: float = 60.0) -> None:
        """Stop the server: SIGTERM (clean shutdown), then SIGKILL after ``timeout`` seconds."""
        pid = self.pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            if not self._wait_exit(pid, timeout):
                _log(f"pid {pid} did not stop within {timeout:.0f} s, killing it")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
                self._wait_exit(pid, 10.0)
        if self._proc is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(timeout=1.0)
            self._proc = None
        recorded = self._recorded_pid()
        if recorded is None or recorded == pid or not _pid_alive(recorded):
            for name in (PID_NAME, URI_NAME, ENV_NAME):
                (self.data_dir / name).unlink(missing_ok=True)

    def _wait_exit(self, pid: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.pid == pid:
                if self._proc.poll() is not None:
                    return True
            elif not _pid_alive(pid):
                return True
            time.sleep(0.1)
        return False

    def __enter__(self) -> EmbeddedNeo4j:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _mebibytes(size: str) -> int:
    text = size.strip().lower()
    units = {"k": 1 / 1024, "m": 1, "g": 1024}
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text) // (1024 * 1024)


def main(argv: Sequence[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--port", type=int, default=None, help=f"Bolt port (default {DEFAULT_PORT})"
    )
    common.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="store/log dir (default .neo4j-data)",
    )
    common.add_argument(
        "--password",
        default=os.environ.get("CHAINKG_NEO4J_PASSWORD", DEFAULT_PASSWORD),
        help="password of user neo4j (default chainkg-test or $CHAINKG_NEO4J_PASSWORD)",
    )
    common.add_argument("--timeout", type=float, default=120.0, help="start/stop timeout, seconds")
    parser = argparse.ArgumentParser(
        prog="neo4j_server.py", description="Run chainkg's embedded Neo4j 5.26 server."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser(
        "build", parents=[common], help="build neo4j-embedded with Maven if outdated"
    )
    build_cmd.add_argument("--force", action="store_true", help="rebuild even if up to date")
    commands.add_parser(
        "start",
        parents=[common],
        help="start in the background; print the export NEO4J_URI=… line to paste (or eval)",
    )
    commands.add_parser("stop", parents=[common], help="stop the server of --data-dir")
    commands.add_parser("status", parents=[common], help="tell whether it runs (exit 0) or not (3)")
    args = parser.parse_args(argv)

    data_dir: Path = args.data_dir
    port: int | None = args.port
    if port is None:  # stop/status: take the port the server was started with
        try:
            port = int((data_dir / URI_NAME).read_text().strip().rsplit(":", 1)[1])
        except (OSError, ValueError, IndexError):
            port = DEFAULT_PORT
    try:
        server = EmbeddedNeo4j(port, data_dir, args.password)
        if args.command == "build":
            server.build(force=args.force)
            return 0
        return _run(args.command, server, args.timeout)
    except (RuntimeError, ValueError) as exc:
        _log(f"error: {exc}")
        return 1


def _run(command: str, server: EmbeddedNeo4j, timeout: float) -> int:
    if command == "start":
        if server.is_running():
            _log(f"already running (pid {server.pid()}); to use it, paste:")
            print(server.running_export_line())
            return 0
        server.start(timeout=timeout, detach=True)
        _log(f"ready in {server.startup_seconds:.1f} s (pid {server.pid()}, log {server.log_file})")
        _log('to use it, paste (or run eval "$(make -s neo4j)"):')
        print(server.export_line())
        return 0
    if command == "stop":
        pid = server.pid()
        if pid is None:
            _log("not running")
            return 0
        server.stop(timeout=timeout)
        _log(f"stopped (pid {pid})")
        return 0
    # status
    pid = server.pid()
    if pid is None:
        print("stopped")
        return 3
    print(f"running pid={pid} uri={server.running_uri()} data_dir={server.data_dir}")
    print(server.running_export_line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
