"""A handbook many times the size of ours still builds with --strict, and no page of it passes
100 KB of HTML: the listings that grow with the content are split or limited."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from synthetic import DEFAULT_EPOCH, Size, write_handbook  # noqa: E402

from generator import engine

PAGE_LIMIT = 100 * 1000


def test_a_handbook_with_many_patterns_and_gatherings_builds_strict_with_small_pages(tmp_path):
    # More patterns than the subscribe page lists itself (40), more gatherings than a listing shows.
    project = write_handbook(tmp_path / "big", Size(60, 300)).root
    site = tmp_path / "site"
    done = subprocess.run([*engine.command("build"), "--strict", "-d", str(site)], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)},
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    pages = {path.relative_to(site).as_posix(): path.stat().st_size for path in site.rglob("*.html")}
    assert len(pages) > 300
    too_big = {path: size for path, size in pages.items() if size >= PAGE_LIMIT}
    assert not too_big
