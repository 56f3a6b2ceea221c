"""Question-answering benchmark: ``/api/v1/ask`` latency beside ``/api/v1/search``, both stores.

For each backend (the embedded store, then Neo4j) the app is served by uvicorn on 127.0.0.1
in a child process, as ``chainkg serve`` serves it (see ``bench/api.py``).  One client then
asks, round after round, a fixed set of questions of every kind (parks of a chain, chains of a
park, figures, rankings, sums, departments, targets, relations, refusals) and, interleaved in
the same rounds, searches for the names they contain.  The baseline is measured in the same
run: the ratio is ``/ask`` p50 over ``/search`` p50 (the issue asks for at most 3x).

    .venv/bin/python bench/ask.py                       # 100 rounds per backend
    .venv/bin/python bench/ask.py --rounds 30 --backend embedded
    .venv/bin/python bench/ask.py --smoke               # a few rounds per backend
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make `bench` and `tools` importable
    sys.path.insert(0, str(REPO_ROOT))

import httpx  # noqa: E402

from bench.api import (  # noqa: E402
    API,
    HOST,
    V1,
    Backend,
    embedded_backend,
    neo4j_backend,
    percentile,
    serve,
)

QUESTIONS: list[tuple[str, str]] = [
    ("chain_parks", "光伏在哪些园区？"),
    ("park_chains", "泰兴经开区有啥产业"),
    ("chain_figure", "锂电池2030年销售收入目标"),
    ("ranking", "2027年目标最大的产业链"),
    ("sum", "泰兴经济开发区承载的产业链2027年目标合计"),
    ("count", "新能源有几条产业链"),
    ("departments", "创新升级引领行动的责任单位有哪些"),
    ("duties", "工信局负责哪些行动"),
    ("targets", "每年招引多少亿元以上项目"),
    ("tech_chains", "钙钛矿电池属于哪条产业链"),
    ("relation", "光伏和锂电有什么关系"),
    ("english", "Which parks carry photovoltaics?"),
    ("refused", "南京的光伏园区有哪些"),
]
"""The questions asked each round: (what it exercises, question)."""
SEARCHES = ["光伏", "泰兴经开区", "锂电池", "工信局", "钙钛矿电池", "Photovoltaics"]
"""The baseline: searches for names the questions contain."""


def measure(base: str, rounds: int) -> tuple[dict[str, list[float]], list[float]]:
    """Return the latencies (seconds) of each question and of the searches, interleaved."""
    asks: dict[str, list[float]] = {name: [] for name, _ in QUESTIONS}
    searches: list[float] = []
    with httpx.Client(base_url=base + V1, timeout=30) as http:
        for i in range(rounds + 3):  # the first 3 rounds warm up and are not kept
            for j, (name, q) in enumerate(QUESTIONS):
                began = time.perf_counter()
                response = http.get("/ask", params={"q": q})
                elapsed = time.perf_counter() - began
                if response.status_code != 200:
                    raise RuntimeError(f"/ask?q={q} answered {response.status_code}")
                term = SEARCHES[(i + j) % len(SEARCHES)]
                began = time.perf_counter()
                found = http.get("/search", params={"q": term})
                searched = time.perf_counter() - began
                if found.status_code != 200:
                    raise RuntimeError(f"/search?q={term} answered {found.status_code}")
                if i >= 3:
                    asks[name].append(elapsed)
                    searches.append(searched)
    return asks, searches


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def report(backend: str, asks: dict[str, list[float]], searches: list[float], rounds: int) -> float:
    """Print the latency table and the ratio of the p50s; return the ratio."""
    every = [v for values in asks.values() for v in values]
    ask_p50, search_p50 = percentile(every, 0.5), percentile(searches, 0.5)
    print(f"\n### {backend}: one client, {rounds} rounds of {len(QUESTIONS)} questions")
    print("\n| request | what | p50 ms | p99 ms |")
    print("|---|---|---:|---:|")
    for name, q in QUESTIONS:
        values = asks[name]
        print(
            f"| /ask `{q}` | {name} | {_ms(percentile(values, 0.5))} | "
            f"{_ms(percentile(values, 0.99))} |"
        )
    print(f"| **/ask, all** | | {_ms(ask_p50)} | {_ms(percentile(every, 0.99))} |")
    print(
        f"| **/search (baseline)** | {len(SEARCHES)} names | {_ms(search_p50)} | "
        f"{_ms(percentile(searches, 0.99))} |"
    )
    ratio = ask_p50 / search_p50
    print(f"\n/ask p50 / /search p50: {ratio:.2f}x (at most 3x asked)")
    return ratio


def run(backend: Backend, rounds: int) -> float:
    """Serve the app on ``backend``, measure, print; return the ratio."""
    env = {**backend.env, "CHAINKG_CACHE_MB": "0"}  # answers computed, not replayed
    with tempfile.TemporaryDirectory() as tmp, serve(API, env, Path(tmp) / "serve.log") as base:
        asks, searches = measure(base, rounds)
    return report(backend.name, asks, searches, rounds)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--rounds", type=int, default=100, choices=range(1, 10_001), metavar="1..10000"
    )
    parser.add_argument("--backend", choices=["both", "embedded", "neo4j"], default="both")
    parser.add_argument("--smoke", action="store_true", help="A few rounds per backend.")
    args = parser.parse_args(argv)
    rounds = 3 if args.smoke else args.rounds
    names = ["embedded", "neo4j"] if args.backend == "both" else [args.backend]
    print(
        f"chainkg ask benchmark: /ask beside /search, uvicorn (1 worker) on {HOST}, "
        f"Python {sys.version.split()[0]}"
    )
    with tempfile.TemporaryDirectory(prefix="chainkg-bench-") as tmp:
        for name in names:
            backend = embedded_backend() if name == "embedded" else neo4j_backend(Path(tmp))
            try:
                run(backend, rounds)
            finally:
                backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
