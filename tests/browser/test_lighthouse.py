"""Lighthouse on the served site, with its default mobile emulation: every page a reader is likely
to land on scores 100 for accessibility and at least 95 for best practices and SEO.

These three are properties of the page, the same on every run. The fourth target, performance
at least 95, is a timing: on a shared two-core machine the same build of the same page scores
anywhere from 0.87 to 0.98 within minutes, by the host's speed and by whether the host draws the
first frame before or after Material's script runs, which decides how Lighthouse's simulation
counts that script. By the project's rule speed targets are a benchmark's business, not a timed
test's: `benchmarks/lighthouse.py` measures it, several runs a page, and the issue notes quote it.

About 10 s a page on two cores. The JSON reports are kept under tests/.artifacts/lighthouse/.
Run by hand against any served build: `python3 tests/browser/test_lighthouse.py http://127.0.0.1:PORT/`.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

# tests/browser for its helpers, tests/ for what they import (also when run by hand, below).
sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]
from conftest import LIGHTHOUSE_PAGES, ROOT, missing  # noqa: E402
from lighthouse_cli import CLI, REPORTS, run, scores, shortfalls  # noqa: E402

CHECKED = ["accessibility", "best-practices", "seo"]

pytestmark = [pytest.mark.browser, pytest.mark.lighthouse]


@pytest.fixture(scope="module")
def lighthouse_ready(chromium_path):
    if shutil.which("node") is None:
        missing("no node on PATH: Lighthouse runs on Node 20")
    if not CLI.exists():
        missing("node_modules/lighthouse is missing: run `npm ci` at the repository root")


def check(url: str, name: str) -> dict:
    return run(url, REPORTS / f"{name}.json", CHECKED)


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_lighthouse_scores(name, base_url, lighthouse_ready):
    result = check(base_url + LIGHTHOUSE_PAGES[name], name)
    print(f"lighthouse {LIGHTHOUSE_PAGES[name]}: {scores(result)}")
    problems = shortfalls(result)
    assert not problems, f"{LIGHTHOUSE_PAGES[name]} misses its Lighthouse targets:\n" + "\n".join(problems)


def test_the_performance_benchmark_measures_a_page(base_url, lighthouse_ready, capsys):
    """`benchmarks/lighthouse.py` still runs against a served build and reports the page's score."""
    spec = importlib.util.spec_from_file_location("benchmark_lighthouse", ROOT / "benchmarks" / "lighthouse.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    assert benchmark.main(["--url", base_url, "--runs", "1", "home"]) == 0
    table = capsys.readouterr().out.splitlines()
    home = [line.split() for line in table if line.startswith("home ")]
    assert len(home) == 1, table
    runs, best, median = home[0][1:4]
    assert runs == "1" and 0 < float(best) <= 1 and best == median
    assert home[0][-1] == ("meets" if float(best) >= 0.95 else "MISSES")


if __name__ == "__main__":
    base = sys.argv[1].rstrip("/")
    for page_name in sys.argv[2:] or list(LIGHTHOUSE_PAGES):
        outcome = check(base + LIGHTHOUSE_PAGES[page_name], page_name)
        print(page_name, scores(outcome), flush=True)
        for line in shortfalls(outcome):
            print("   ", line)
