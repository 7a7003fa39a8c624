"""Lighthouse's performance score of the pages the tests check, several runs a page, against the
target of issue 6 (at least 95 on a phone).

    python benchmarks/lighthouse.py                     # builds the shipped site and serves it
    python benchmarks/lighthouse.py --url http://127.0.0.1:8000/ --runs 8 subscribe pattern

The score is a timing (Lighthouse simulates a phone from the main thread's real work on this
machine), and on a shared machine a page's score moves by a tenth from one run to the next, so:

- each page is run `--runs` times, and the table gives the best and the median score, with the
  first contentful paint, largest contentful paint and total blocking time of the best run, and
  the spread of the host's BenchmarkIndex (Lighthouse's measure of the machine's speed);
- other work can only make a page look slower, never faster, so the best run is the page's
  measure against the target: the page's own work fits in it when one run does; the median says
  how often a reader's phone would see that;
- the runs go round by round over the pages, a page's runs at least `--spacing` seconds apart,
  because the host's slow spells last minutes: a spell then costs a page one run, not all.

Accessibility, best practices and SEO do not vary between runs: the tests check those
(`tests/browser/test_lighthouse.py`). Needs Chromium and `npm ci`, as the browser tests do.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "tests")]

from conftest import LIGHTHOUSE_PAGES  # noqa: E402
from lighthouse_cli import REPORTS, TARGETS, run  # noqa: E402
from serving import served  # noqa: E402
from sitebuild import build_ok  # noqa: E402

TARGET = TARGETS["performance"]
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time"}


def performance(result: dict) -> float:
    return result["categories"]["performance"]["score"] or 0.0


def measure(urls: dict[str, str], runs: int, spacing: float) -> dict[str, list[dict]]:
    """Every run of every page, round by round, a page's runs `spacing` seconds apart at least."""
    results: dict[str, list[dict]] = {name: [] for name in urls}
    for attempt in range(1, runs + 1):
        started = time.monotonic()
        for name, url in urls.items():
            report = REPORTS / "benchmark" / f"{name}-{attempt}.json"
            results[name].append(run(url, report, ["performance"]))
            best = max(performance(result) for result in results[name])
            print(f"  round {attempt}: {name} {performance(results[name][-1]):.2f} (best {best:.2f})", file=sys.stderr)
        if attempt < runs:
            time.sleep(max(0.0, spacing - (time.monotonic() - started)))
    return results


def row(name: str, results: list[dict]) -> str:
    best = max(results, key=performance)
    median = statistics.median(performance(result) for result in results)
    metrics = " ".join(f"{best['audits'][audit]['numericValue']:6.0f}" for audit in METRICS.values())
    speeds = [result["environment"]["benchmarkIndex"] for result in results]
    verdict = "meets" if performance(best) >= TARGET else "MISSES"
    return (f"{name:<18} {len(results):>4} {performance(best):>5.2f} {median:>6.2f} {metrics} "
            f"{min(speeds):>6.0f}-{max(speeds):<6.0f} {verdict}")


def report(results: dict[str, list[dict]]) -> str:
    head = f"{'page':<18} {'runs':>4} {'best':>5} {'median':>6} " + " ".join(f"{m:>6}" for m in METRICS)
    lines = [head + f" {'BenchmarkIndex':<13} target {TARGET}", "-" * (len(head) + 27)]
    lines += [row(name, page_results) for name, page_results in results.items()]
    lines.append("(FCP, LCP and TBT in ms, of each page's best run)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", metavar="PAGE", help=f"pages to measure (default: all): {', '.join(LIGHTHOUSE_PAGES)}")
    parser.add_argument("--url", help="a served build to measure, instead of building the shipped site")
    parser.add_argument("--runs", type=int, default=5, help="runs a page (default 5)")
    parser.add_argument("--spacing", type=float, default=60.0,
                        help="seconds at least between two runs of a page (default 60)")
    args = parser.parse_args(argv)
    unknown = [name for name in args.pages if name not in LIGHTHOUSE_PAGES]
    if unknown:
        parser.error(f"no such page: {', '.join(unknown)} (choose from {', '.join(LIGHTHOUSE_PAGES)})")
    chosen = args.pages or list(LIGHTHOUSE_PAGES)

    def measured(base: str) -> dict[str, list[dict]]:
        return measure({name: base + LIGHTHOUSE_PAGES[name] for name in chosen}, args.runs, args.spacing)

    if args.url:
        results = measured(args.url.rstrip("/"))
    else:
        with tempfile.TemporaryDirectory() as tmp, served(build_ok(ROOT, site=Path(tmp) / "site").site) as base:
            results = measured(base)
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
