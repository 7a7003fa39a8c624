"""How long a group's own calendar adds to a build (issue 17).

    python benchmarks/imported.py --events 2000 --repeat 3

A local web server (`tests/feed_server.py`) serves a generated feed of N events, about one a day
from 2021 on (most of them past, as a calendar kept for years is), with HTML descriptions and
weekly series, in the shape Google exports. Then:

1. the import alone, in this process, step by step: fetch, read (icalendar, x-wr-timezone),
   convert (into the group's events), each the best of `--repeat` runs, in wall and CPU time;
2. a build of the import fixture (`tests/fixtures/site_imported`) without and with a group that
   links the feed (`mkdocs build --strict` in a fresh interpreter, SOURCE_DATE_EPOCH fixed): the
   difference is what the import costs a build, the pages and feeds of the imported gatherings
   included.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from feed_server import FeedServer, generated_feed  # noqa: E402
from sitebuild import FIXED_EPOCH, copy_fixture  # noqa: E402

from generator import engine  # noqa: E402
from generator.content.groups import load_groups  # noqa: E402
from generator.content.imported import Settings  # noqa: E402
from generator.content.imported.convert import Options, convert  # noqa: E402
from generator.content.imported.fetch import fetch  # noqa: E402
from generator.content.imported.read import read  # noqa: E402

NOW = datetime.fromtimestamp(int(FIXED_EPOCH), tz=timezone.utc)


def _timed(step):
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def import_steps(url: str, project: Path, repeat: int) -> dict[str, tuple[float, float]]:
    group = load_groups(project / "content", project)[0]["bench-crew"]
    settings = Settings(root=project, now=NOW, past_days=120)
    best: dict[str, tuple[float, float]] = {}
    for _ in range(repeat):
        fetched, *fetch_time = _timed(lambda: fetch(url, settings.timeout, settings.max_bytes))
        calendar, *read_time = _timed(lambda fetched=fetched: read(fetched.body))
        converted, *convert_time = _timed(lambda calendar=calendar: convert(calendar, group, group.calendar,
                                                          Options(now=NOW, past_days=120)))
        for name, spent in (("fetch", fetch_time), ("read", read_time), ("convert", convert_time)):
            best[name] = min(best.get(name, (float("inf"),) * 2), tuple(spent))
    best["kept"] = (len(converted.events), sum(1 for e in converted.events if e.repeat))
    return best


def timed_build(project: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one `build --strict` by the engine installed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*engine.command("build", "--strict", "-q", "-d", str(project / "site"))],
                          cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": FIXED_EPOCH})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(done.stdout + done.stderr)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with FeedServer() as server, tempfile.TemporaryDirectory() as tmp:
        url = f"{server.url}/generated/{args.events}.ics"
        plain = copy_fixture("site_imported", Path(tmp) / "plain")
        linked = copy_fixture("site_imported", Path(tmp) / "linked")
        (linked / "content" / "groups" / "bench-crew.yml").write_text(
            "name: Bench Crew\nkind: crew\nsummary: A crew with a busy calendar.\ntimezone: Europe/London\n"
            f"calendar:\n  url: {url}\n  patterns: [crew]\n")
        size = len(generated_feed(args.events))
        steps = import_steps(url, linked, args.repeat)
        builds = {"without": [], "with": []}
        for _ in range(args.repeat):
            for name, project in (("without", plain), ("with", linked)):
                shutil.rmtree(project / ".cache", ignore_errors=True)
                builds[name].append(timed_build(project))
    kept, series = steps.pop("kept")
    print(f"Feed: {args.events:,} events, {size / 1e6:.2f} MB; kept in the window (past_days 120): "
          f"{kept:,} events ({series:,} of them series)")
    print(f"{'step':<10} {'wall s':>8} {'CPU s':>8}")
    for name, (wall, cpu) in steps.items():
        print(f"{name:<10} {wall:8.3f} {cpu:8.3f}")
    total = tuple(sum(spent[i] for spent in steps.values()) for i in (0, 1))
    print(f"{'import':<10} {total[0]:8.3f} {total[1]:8.3f}")
    without = min(builds["without"], key=lambda b: b[1])
    with_feed = min(builds["with"], key=lambda b: b[1])
    print(f"build without the feed: {without[0]:.2f} s wall, {without[1]:.2f} s CPU (best of {args.repeat})")
    print(f"build with the feed:    {with_feed[0]:.2f} s wall, {with_feed[1]:.2f} s CPU (best of {args.repeat})")
    print(f"the feed adds:          {with_feed[0] - without[0]:.2f} s wall, {with_feed[1] - without[1]:.2f} s CPU "
          "(import, pages and feeds of its gatherings)")


if __name__ == "__main__":
    main()
