"""Mutation testing of the core modules with cosmic-ray, on a copy of the package.

cosmic-ray writes each mutant into the module's file on disk and runs the tests.  Here that
file is in a copy of the checkout laid out as the installed package (``build/mutation/tree``:
``chainkg/graph_loader/`` is ``graph_loader/`` and so on, as ``[tool.setuptools.package-dir]``
says, with ``tests/``, ``tools/`` and ``pyproject.toml`` beside it), and the tests run from
there, so ``import chainkg`` finds the copy before the editable install's hook.  The checkout is
never touched, and work can go on while a run lasts.

The modules and the tests each one runs are listed in ``tools/mutation.toml``.  One run per
module, one mutant at a time (the machine is shared), each with a timeout.  Each run starts
from a fork server that has already imported the libraries the tests use
(``tools/forkserver.py``), so a mutant costs its tests, not the imports.

    python tools/mutation.py                          # every module of tools/mutation.toml
    python tools/mutation.py graph_loader/search.py   # one (tests from the toml, else TESTS)
    python tools/mutation.py --resume ...             # go on with an interrupted session
    python tools/mutation.py --rerun-survivors ...    # test the survivors again (new tests)
    python tools/mutation.py --report ...             # the scores and survivors, no run

Sessions, survivors (with their diffs) and a summary are written under ``build/mutation/``.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import os
import random
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tools" / "mutation.toml"
WORK = Path(os.environ.get("MUTATION_WORK", ROOT / "build" / "mutation")).resolve()
"""Where the copy and the sessions live (another one lets two runs go side by side)."""
TREE = WORK / "tree"
FAST = "not neo4j and not browser"
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")


def package_dirs() -> dict[str, str]:
    """Return the package-dir mapping of pyproject.toml (package name → folder)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    return mapping


def build_tree(tree: Path = TREE) -> Path:
    """Return a fresh copy of the checkout in the installed layout (copies, not links:
    cosmic-ray writes the mutants into these files).

    Everything else of the checkout (tests, tools, bench, docs …) is copied beside the
    package, and each package folder's checkout name (``graph_loader``) links to its place in
    the package, so tests that read the checkout's files find them."""
    shutil.rmtree(tree, ignore_errors=True)
    folders = package_dirs()
    for package, folder in sorted(folders.items(), key=lambda p: p[0].count(".")):
        target = tree.joinpath(*package.split("."))
        shutil.copytree(ROOT / folder, target, ignore=IGNORE, dirs_exist_ok=True)
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\0")
    for name in sorted({Path(f).parts[0] for f in listed if f} - set(folders.values())):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=IGNORE, symlinks=True)
        elif source.exists():
            shutil.copy2(source, tree / name)
    for package, folder in folders.items():
        if package.count(".") == 1 and not (tree / folder).exists():
            (tree / folder).symlink_to(Path(*package.split(".")), target_is_directory=True)
    return tree


def installed_path(module: str) -> str:
    """Return where ``module`` (a checkout path such as ``graph_loader/ask/cues.py``) lies in
    the installed layout (``chainkg/graph_loader/ask/cues.py``)."""
    for package, source in package_dirs().items():
        if source != package and module.startswith(f"{source}/"):
            return "/".join([*package.split("."), module.removeprefix(f"{source}/")])
    raise SystemExit(f"{module}: not in a folder of [tool.setuptools.package-dir]")


@dataclass
class Score:
    """The outcome of a module's session."""

    module: str
    total: int
    skipped: int
    """Equivalent by construction: inside a never-evaluated annotation."""
    killed: int
    survived: int
    other: int
    """Incompetent or failed to run."""
    pending: int

    @property
    def score(self) -> float:
        done = self.killed + self.survived
        return self.killed / done if done else 0.0


def settings() -> dict[str, object]:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def module_settings(module: str) -> dict[str, object]:
    """Return a module's table of the toml (empty when it has none)."""
    modules: dict[str, dict[str, object]] = settings().get("modules", {})  # type: ignore[assignment]
    return modules.get(module, {})


def tests_for(module: str) -> list[str]:
    """Return the tests a module's mutants run: its entry in the toml, else TESTS, else all."""
    if os.environ.get("TESTS"):
        return shlex.split(os.environ["TESTS"])
    tests = module_settings(module).get("tests", ["tests"])
    return [str(t) for t in tests]  # type: ignore[attr-defined]


def pytest_args(module: str) -> list[str]:
    """Return the pytest arguments of a module's runs (the first failure kills a mutant).

    A module whose table names ``fixtures`` loads that plugin instead of the conftest files
    (``tests/plan_fixtures.py``: the plan and the embedded store, without Neo4j or the API);
    ``doctests = true`` runs the module's docstring examples first."""
    args = ["-x", "-q", "-m", FAST]
    without = settings().get("without-plugins", [])
    plugins = ["cacheprovider", *(without if isinstance(without, list) else [])]
    args += [f"-pno:{p}" for p in plugins]
    table = module_settings(module)
    fixtures = table.get("fixtures")
    if fixtures and not os.environ.get("TESTS"):
        named = fixtures if isinstance(fixtures, list) else [fixtures]
        args += ["--noconftest", *(a for p in named for a in ("-p", str(p)))]
    if table.get("doctests"):  # the module's own examples, first (the copy's file)
        args += ["--doctest-modules", "-o", "doctest_optionflags=ELLIPSIS", installed_path(module)]
    return [*args, *tests_for(module)]


def socket_path(module: str) -> Path:
    return WORK / f"{stem(module)}.sock"


def test_command(module: str) -> str:
    """Return the command a mutant runs: pytest through the module's fork server
    (tools/forkserver.py; pytest itself when ``fork-server = false``)."""
    if settings().get("fork-server", True):
        forked = ["-m", "tools.forkserver", "run", str(socket_path(module)), "--"]
        return shlex.join([sys.executable, *forked, *pytest_args(module)])
    return shlex.join([sys.executable, "-m", "pytest", *pytest_args(module)])


@contextlib.contextmanager
def fork_server(module: str) -> Iterator[None]:
    """Run the module's fork server (warmed up on its tests) while the session runs."""
    if not settings().get("fork-server", True):
        yield
        return
    path = socket_path(module)
    path.unlink(missing_ok=True)
    command = [sys.executable, "-m", "tools.forkserver", "serve", str(path), "--"]
    server = subprocess.Popen([*command, *pytest_args(module)], cwd=TREE)
    try:
        deadline = time.monotonic() + 600
        while not path.exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{module}: the fork server did not start")
            time.sleep(0.2)
        yield
    finally:
        server.terminate()
        server.wait(30)
        path.unlink(missing_ok=True)


def stem(module: str) -> str:
    return module.replace("/", ".").removesuffix(".py")


def baseline(command: str) -> float:
    """Return how long the tests take on the unmutated copy; exit when they fail there."""
    start = time.monotonic()
    run = subprocess.run(
        shlex.split(command), check=False, cwd=TREE, capture_output=True, text=True
    )
    if run.returncode != 0:
        raise SystemExit(f"the tests fail without a mutant:\n{run.stdout[-3000:]}")
    return time.monotonic() - start


def write_config(module: str, command: str, timeout: float) -> Path:
    """Return the cosmic-ray configuration of a module's session (written beside it)."""
    config = WORK / f"{stem(module)}.toml"
    config.write_text(
        "[cosmic-ray]\n"
        f'module-path = "{installed_path(module)}"\n'
        f"timeout = {timeout:.0f}\n"
        "excluded-modules = []\n"
        f"test-command = {json.dumps(command)}\n\n"  # a JSON string is a TOML basic string
        "[cosmic-ray.distributor]\n"
        'name = "local"\n',
        encoding="utf-8",
    )
    return config


def cosmic_ray(*args: str) -> None:
    """Run a cosmic-ray command in the copy; exit when it fails."""
    exe = Path(sys.executable).parent / "cosmic-ray"
    subprocess.run([str(exe), *args], cwd=TREE, check=True)


def score(module: str) -> Score:
    """Return the counts of a module's session (``build/mutation/<module>.sqlite``)."""
    with sqlite3.connect(WORK / f"{stem(module)}.sqlite") as db:
        total = db.execute("SELECT count(*) FROM work_items").fetchone()[0]
        rows = db.execute("SELECT upper(test_outcome), upper(worker_outcome) FROM work_results")
        outcomes = [(t or "", w or "") for t, w in rows]
    skipped = sum(w == "SKIPPED" for t, w in outcomes)
    killed = sum(t == "KILLED" for t, w in outcomes)
    survived = sum(t == "SURVIVED" for t, w in outcomes)
    other = len(outcomes) - skipped - killed - survived
    return Score(module, total, skipped, killed, survived, other, total - len(outcomes))


def survivors(module: str) -> list[tuple[str, int, str, str]]:
    """Return ``(job, line, operator, diff)`` of every surviving mutant, by line."""
    with sqlite3.connect(WORK / f"{stem(module)}.sqlite") as db:
        rows = db.execute(
            "SELECT r.job_id, m.start_pos_row, m.operator_name, r.diff FROM work_results r "
            "JOIN mutation_specs m ON m.job_id = r.job_id WHERE upper(r.test_outcome) = 'SURVIVED' "
            "ORDER BY m.start_pos_row, m.operator_name"
        ).fetchall()
    return [(str(j), int(line), str(op), str(diff)) for j, line, op, diff in rows]


def forget_survivors(module: str) -> int:
    """Drop the survivors' results, so that the next ``exec`` tests them again."""
    with sqlite3.connect(WORK / f"{stem(module)}.sqlite") as db:
        count = db.execute(
            "DELETE FROM work_results WHERE upper(test_outcome) = 'SURVIVED'"
        ).rowcount
    return int(count)


def write_survivors(module: str) -> Path:
    path = WORK / f"{stem(module)}.survivors.txt"
    lines = [f"# {module}: surviving mutants (line, operator, diff)\n"]
    for job, line, op, diff in survivors(module):
        lines.append(f"\n## line {line} {op} ({job})\n{diff}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def annotation_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Return the (row, column) spans of the function and module-level annotations of a module
    that starts with ``from __future__ import annotations`` (none otherwise): such annotations
    are never evaluated, so a mutant inside one (``str | None`` → ``str & None``) is equivalent.
    Class bodies are left alone (pydantic evaluates its models' annotations).  Columns count
    characters, as cosmic-ray's do."""
    tree = ast.parse(source)
    future = any(
        isinstance(n, ast.ImportFrom)
        and n.module == "__future__"
        and any(a.name == "annotations" for a in n.names)
        for n in tree.body
    )
    if not future:
        return []
    lines = source.splitlines()

    def column(row: int, offset: int) -> int:  # ast's offsets count UTF-8 bytes
        return len(lines[row - 1].encode("utf-8")[:offset].decode("utf-8"))

    spans = []
    classes = {id(n) for c in ast.walk(tree) if isinstance(c, ast.ClassDef) for n in c.body}
    for node in ast.walk(tree):
        found: list[ast.expr | None] = []
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            found += [a.annotation for a in every if a is not None]
            found.append(node.returns)
        elif isinstance(node, ast.AnnAssign) and id(node) not in classes:
            found.append(node.annotation)
        for ann in (a for a in found if a is not None):
            last = ann.end_lineno or ann.lineno
            start = (ann.lineno, column(ann.lineno, ann.col_offset))
            spans.append((start, (last, column(last, ann.end_col_offset or 0))))
    return spans


def skip_annotations(module: str) -> int:
    """Mark the mutants inside never-evaluated annotations as skipped; return how many."""
    spans = annotation_spans((TREE / installed_path(module)).read_text(encoding="utf-8"))
    with sqlite3.connect(WORK / f"{stem(module)}.sqlite") as db:
        specs = db.execute("SELECT job_id, start_pos_row, start_pos_col FROM mutation_specs")
        skipped = [
            job
            for job, row, col in specs.fetchall()
            if any(start <= (row, col) < end for start, end in spans)
        ]
        db.executemany(
            "INSERT OR REPLACE INTO work_results (worker_outcome, output, test_outcome, diff, "
            "job_id) VALUES ('SKIPPED', ?, NULL, NULL, ?)",
            [(ANNOTATION, job) for job in skipped],
        )
    return len(skipped)


ANNOTATION = "equivalent: inside an annotation that is never evaluated (PEP 563)"


def keep_sample(module: str, size: int, seed: int) -> tuple[int, int]:
    """Keep a random sample of ``size`` of the module's mutants to run (those inside
    annotations stay, as skipped); drop the rest from the session.  Return (kept, of how many).

    The sample is drawn with ``random.Random(seed)`` from the job ids in sorted order, so the
    same seed on the same module draws the same mutants."""
    with sqlite3.connect(WORK / f"{stem(module)}.sqlite") as db:
        done = {j for (j,) in db.execute("SELECT job_id FROM work_results")}
        jobs = sorted(j for (j,) in db.execute("SELECT job_id FROM work_items") if j not in done)
        if size >= len(jobs):
            return len(jobs), len(jobs)
        kept = set(random.Random(seed).sample(jobs, size))
        dropped = [(j,) for j in jobs if j not in kept]
        db.executemany("DELETE FROM mutation_specs WHERE job_id = ?", dropped)
        db.executemany("DELETE FROM work_items WHERE job_id = ?", dropped)
    (WORK / f"{stem(module)}.sample.json").write_text(
        json.dumps({"sample": size, "population": len(jobs), "seed": seed}) + "\n",
        encoding="utf-8",
    )
    return size, len(jobs)


def run_module(
    module: str, *, resume: bool, rerun: bool, sample: int | None = None, seed: int = 15
) -> Score:
    """Run (or go on with) the mutation session of ``module``; return its score.

    With ``sample``, a new session runs that many of the mutants outside annotations, drawn at
    random (:func:`keep_sample`)."""
    command = test_command(module)
    db = WORK / f"{stem(module)}.sqlite"
    with fork_server(module):
        seconds = baseline(command)
        config_values = settings()
        factor = float(config_values.get("timeout-factor", 4.0))  # type: ignore[arg-type]
        floor = float(config_values.get("min-timeout", 20.0))  # type: ignore[arg-type]
        timeout = max(floor, factor * seconds)
        config = write_config(module, command, timeout)
        print(f"{module}: tests take {seconds:.1f}s unmutated; timeout {timeout:.0f}s", flush=True)
        if rerun and db.exists():
            print(f"{module}: testing {forget_survivors(module)} survivors again", flush=True)
        elif not (resume and db.exists()):
            db.unlink(missing_ok=True)
            cosmic_ray("init", str(config), str(db))
            print(
                f"{module}: {skip_annotations(module)} mutants in annotations skipped", flush=True
            )
            if sample is not None:
                kept, population = keep_sample(module, sample, seed)
                print(f"{module}: a sample of {kept} of {population} mutants (seed {seed})")
        cosmic_ray("exec", str(config), str(db))
    write_survivors(module)
    return score(module)


def report(scores: list[Score]) -> str:
    lines = [
        "| module | mutants | in annotations | killed | survived | other | pending | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in scores:
        lines.append(
            f"| `{s.module}` | {s.total} | {s.skipped} | {s.killed} | {s.survived} | {s.other} | "
            f"{s.pending} | {s.score:.1%} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="checkout paths (default: the toml's)")
    parser.add_argument("--resume", action="store_true", help="go on with existing sessions")
    parser.add_argument("--rerun-survivors", action="store_true", help="test survivors again")
    parser.add_argument("--report", action="store_true", help="only print the scores")
    parser.add_argument("--sample", type=int, help="run a random sample of this many mutants")
    parser.add_argument("--seed", type=int, default=15, help="the sample's random seed")
    args = parser.parse_args(argv)
    modules = args.modules or list(settings().get("modules", {}))  # type: ignore[call-overload]
    WORK.mkdir(parents=True, exist_ok=True)
    if not args.report:
        build_tree()
    scores = []
    for module in modules:
        if args.report:
            write_survivors(module)
            scores.append(score(module))
        else:
            scores.append(
                run_module(
                    module,
                    resume=args.resume,
                    rerun=args.rerun_survivors,
                    sample=args.sample,
                    seed=args.seed,
                )
            )
    table = report(scores)
    (WORK / "summary.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
