"""Runs of ten words shared with a source text: how the tests keep the handbook in its own words.

A source we learned from (an interview, an article) must not be committed, and no sentence of it
may reach the handbook. What is committed instead is a list of hashes, one for each run of ten
consecutive words in the source (its 10-word shingles), after normalising: lowercase, apostrophes
dropped ("don't" -> "dont"), every other mark of punctuation turned into a space. A file of ours
that produces any of those hashes shares ten words in a row with the source.

Make the list (the source is read from the path given; the list goes to tests/sources/):

    python tests/shingles.py /path/to/microsolidarity-interview.txt

The hashes are SHA-256, cut to 16 hex digits: on a handbook of a million words, less than one
chance in a billion that a run of ours is reported by accident.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

RUN = 10
DIGITS = 16
SOURCES = Path(__file__).resolve().parent / "sources"

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
_NOT_A_WORD = re.compile(r"[\W_]+")


def words(text: str) -> list[str]:
    """The text's words, normalised: lowercase, no apostrophes, other punctuation as spaces."""
    return _NOT_A_WORD.sub(" ", _APOSTROPHES.sub("", text.lower())).split()


def digest(run: list[str]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:DIGITS]


def runs(text: str) -> Iterator[tuple[int, str]]:
    """(index of the first word, hash) for each run of RUN consecutive words."""
    found = words(text)
    for start in range(len(found) - RUN + 1):
        yield start, digest(found[start:start + RUN])


def shingle_hashes(text: str) -> set[str]:
    return {h for _, h in runs(text)}


def shared_runs(text: str, hashes: set[str]) -> list[str]:
    """The runs of `text` (as our words, joined) whose hashes are in `hashes`, first to last."""
    found = words(text)
    return [" ".join(found[start:start + RUN]) for start, h in runs(text) if h in hashes]


def read_hashes(path: Path) -> set[str]:
    """A committed list: one hash a line; `#` starts a comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def write_hashes(source: Path, out: Path) -> int:
    hashes = sorted(shingle_hashes(source.read_text(encoding="utf-8")))
    header = (f"# {RUN}-word shingles of {source.name}, normalised and hashed by tests/shingles.py\n"
              f"# (SHA-256, first {DIGITS} hex digits). The source itself is not in the repository.\n")
    out.write_text(header + "\n".join(hashes) + "\n", encoding="utf-8")
    return len(hashes)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python tests/shingles.py SOURCE.txt   (writes tests/sources/SOURCE.shingles)", file=sys.stderr)
        return 2
    source = Path(argv[0])
    out = SOURCES / f"{source.stem}.shingles"
    count = write_hashes(source, out)
    print(f"wrote {count} hashes to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
