"""The benchmark still runs: a tiny synthetic handbook checks clean, builds with and without our
plugins, and the report holds the numbers. No timing is asserted here; the targets are the
benchmark's business (`benchmarks/run.py`), not the test suite's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import without_our_plugins  # noqa: E402
from synthetic import Size, write_handbook  # noqa: E402


def test_synthetic_handbook_has_what_was_asked_for(tmp_path):
    written = write_handbook(tmp_path, Size(10, 60))
    content = tmp_path / "content"
    assert len(list((content / "patterns").glob("*.md"))) == 10
    events = list((content / "events").rglob("*.yml"))
    assert len(events) == 60
    recurring = [path for path in events if "repeat:" in path.read_text()]
    assert len(recurring) == written.recurring == 6
    assert all("except:" in path.read_text() and "changes:" in path.read_text() for path in recurring)
    kinds = {line.split(": ")[1] for path in (content / "groups").glob("*.yml")
             for line in path.read_text().splitlines() if line.startswith("kind: ")}
    assert kinds == {"crew", "congregation", "network"}


def test_same_size_gives_the_same_files(tmp_path):
    write_handbook(tmp_path / "a", Size(5, 20))
    write_handbook(tmp_path / "b", Size(5, 20))
    for path in sorted((tmp_path / "a" / "content").rglob("*.*")):
        assert (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes() == path.read_bytes()


def test_plain_config_drops_our_plugins_and_their_options():
    config = ("plugins:\n  - search\n  - handbook-patterns\n  - handbook-calendar:\n      horizon_days: 30\n"
              "      past_days: 10\n  - handbook-feeds\nmarkdown_extensions:\n  - tables\n")
    assert without_our_plugins(config) == "plugins:\n  - search\nmarkdown_extensions:\n  - tables\n"


def test_the_benchmark_runs_and_reports(tmp_path):
    out = tmp_path / "result.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "5x10", "5x20",
                           "--pairs", "1", "--json", str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    for heading in ("## Size 5x10", "## Size 5x20", "## Across sizes", "## Targets"):
        assert heading in done.stdout
    assert "5x10 → 5x20: build CPU" in done.stdout  # the doubling comparison
    assert "median of 1 side-by-side builds" in done.stdout
    small, large = json.loads(out.read_text())
    assert (small["events"], large["events"]) == (10, 20)
    for result in (small, large):
        assert result["check"] > 0 and result["build_wall"] > 0 and result["plain_wall"] > 0
        assert "plugin handbook-calendar.on_files" in result["timers"]
        assert "detail feeds.build" in result["timers"]
        assert len(result["pair_ratios"]) == 1 and result["pair_ratios"][0] > 0  # one side-by-side pair
        # The plain build renders the same pages: one HTML page for each of ours.
        assert result["plain_site"]["html_pages"] == result["site"]["html_pages"]
        assert result["site"]["all_ics"] > 0 and result["site"]["search_index"] > 0
    assert large["site"]["html_pages"] > small["site"]["html_pages"]


@pytest.mark.parametrize("text", ["100x1000", "300X5000"])
def test_sizes_read_as_patterns_by_events(text):
    size = Size.parse(text)
    assert (size.patterns, size.events) == tuple(int(n) for n in text.lower().split("x"))
