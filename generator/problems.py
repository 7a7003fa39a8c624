"""Problems found in content: one line each, naming the file and the line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 1 when a problem concerns the whole file
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class ContentError(Exception):
    """Raised by a front end when content has problems; carries all of them, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Reporter:
    """Collects problems for one file, so loaders can report many without stopping at the first."""

    def __init__(self, path: str, problems: list[Problem] | None = None):
        self.path = path
        self.problems: list[Problem] = problems if problems is not None else []

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, max(int(line or 1), 1), message, hint))
