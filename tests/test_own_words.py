"""The handbook is written in its own words: no file shares a run of ten words with the interview
its ideas partly come from. The interview is not in the repository; its 10-word runs are, as
hashes (tests/sources/*.shingles, made by tests/shingles.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from shingles import RUN, SOURCES, read_hashes, shared_runs, shingle_hashes, words

ROOT = Path(__file__).resolve().parent.parent
INTERVIEW = SOURCES / "microsolidarity-interview.shingles"
TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".json", ".txt", ".html", ".j2", ".css", ".js", ".py", ".toml"}


def text_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)


def copied(paths: list[Path], hashes: set[str]) -> list[str]:
    found = []
    for path in paths:
        for run in shared_runs(path.read_text(encoding="utf-8", errors="replace"), hashes):
            found.append(f"{path.relative_to(ROOT)}: \"{run}\"")
    return found


@pytest.fixture(scope="module")
def interview() -> set[str]:
    hashes = read_hashes(INTERVIEW)
    # The interview runs to some 4,000 runs of ten words; a truncated list would let copies through.
    assert len(hashes) > 4000
    assert all(len(h) == 16 and int(h, 16) >= 0 for h in hashes)
    return hashes


def test_no_content_file_shares_ten_words_with_the_interview(interview):
    files = text_files(ROOT / "content")
    assert len([p for p in files if p.parent.name == "patterns"]) >= 30
    found = copied(files, interview)
    assert not found, "ten words in a row from the interview; say it in our own words:\n" + "\n".join(found)


def test_nor_does_the_rest_of_the_project(interview):
    files = [ROOT / "README.md", ROOT / "ARCHITECTURE.md", ROOT / "mkdocs.yml"]
    files += [p for folder in ("theme", "generator", "plugins") for p in text_files(ROOT / folder)]
    found = copied(files, interview)
    assert not found, "\n".join(found)


def test_a_copied_run_is_found_whatever_its_punctuation_and_case():
    source = "Belonging, it turns out, is something you make: the same people, again and again, for months."
    hashes = shingle_hashes(source)
    ours = "As a friend said: BELONGING -- it turns out -- is something you make; the same people..."
    # eleven words in common: two overlapping runs of ten
    assert shared_runs(ours, hashes) == ["belonging it turns out is something you make the same",
                                         "it turns out is something you make the same people"]
    # nine words in common are not a run of ten
    assert shared_runs("turns out is something you make the same people today", hashes) == []


def test_apostrophes_are_dropped_and_other_marks_split_words():
    assert words("Don’t stop—it's the crew's check-in!") == ["dont", "stop", "its", "the", "crews", "check", "in"]
    assert RUN == 10


def test_the_script_writes_the_list_from_a_source_given_on_the_command_line(tmp_path, monkeypatch):
    source = tmp_path / "some-article.txt"
    source.write_text(" ".join(f"word{i}" for i in range(25)), encoding="utf-8")
    import shingles
    monkeypatch.setattr(shingles, "SOURCES", tmp_path)
    assert shingles.main([str(source)]) == 0
    written = read_hashes(tmp_path / "some-article.shingles")
    assert written == shingle_hashes(source.read_text()) and len(written) == 16
    usage = subprocess.run([sys.executable, str(ROOT / "tests" / "shingles.py")], capture_output=True, text=True)
    assert usage.returncode == 2 and "usage:" in usage.stderr
