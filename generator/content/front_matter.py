"""Front matter, split from a Markdown page exactly as MkDocs splits it.

MkDocs (`mkdocs.utils.meta.get_data`) decides what is front matter, and Material prints some of
what it finds there without escaping (`author`, `description`, a redirect's `location`) or uses it
to choose the template. The check must therefore see every key MkDocs will, and so it splits the
text by MkDocs' own rule, copied here because `generator` does not import MkDocs
(tests/test_front_matter.py holds the two to the same answers):

* a YAML block starts with `---` on the first line and ends at the first line that is exactly
  `---` or `...` (trailing spaces and tabs allowed) *at the start of a line* and followed by a
  line break: an indented `  ---` does not end it, and a `---` on the last line without a line
  break does not either;
* with no such block, lines of `key: value` at the very top are MultiMarkdown settings, which
  MkDocs reads too (and drops from the page), up to the first blank line.

MkDocs reads the file with universal newlines, so `\\r\\n` and a lone `\\r` both end a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The three expressions of mkdocs.utils.meta, verbatim.
YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
_EMPTY_BLOCK = re.compile(r"^-{3}[ \t]*\n(?:\.{3}|-{3})[ \t]*(?:\n|$)")


@dataclass(frozen=True)
class Split:
    """A page as MkDocs divides it."""

    yaml: str | None  # the text of the YAML block, when there is one
    body: str  # the Markdown after the front matter, as MkDocs hands it on when the YAML is a mapping
    body_line: int  # the line of the file on which `body` starts
    # MultiMarkdown settings (key -> value, as MkDocs reads them), when there is no YAML block,
    # with the number of lines they take.
    settings: dict[str, str] = field(default_factory=dict)
    settings_lines: int = 0

    @property
    def opens(self) -> bool:
        """Whether the page starts with a `---` line, meaning to open front matter."""
        return self.yaml is not None


def as_mkdocs_reads(text: str) -> str:
    """The text as MkDocs has it after reading the file (universal newlines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Split:
    """Divide `text` (as `as_mkdocs_reads` gives it) as `mkdocs.utils.meta.get_data` does."""
    match = YAML_RE.match(text)
    if match:
        rest = text[match.end():]
        body = rest.lstrip("\n")
        line = text.count("\n", 0, match.end()) + (len(rest) - len(body)) + 1
        return Split(yaml=match.group(1), body=body, body_line=line)
    return _multimarkdown(text)


def is_empty_block(text: str) -> bool:
    """`---` followed at once by `---`: meant as front matter, but MkDocs sees none."""
    return bool(_EMPTY_BLOCK.match(text))


def _multimarkdown(doc: str) -> Split:
    """get_data's second half, step for step."""
    data: dict[str, str] = {}
    lines = doc.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    total = len(lines)
    key = None
    while lines:
        line = lines.pop(0)
        if line.strip() == "":
            break  # blank line: done
        if m1 := META_RE.match(line):
            key = m1.group("key").lower().strip()
            value = m1.group("value").strip()
            if key in data:
                data[key] += f" {value}"
            else:
                data[key] = value
        else:
            m2 = META_MORE_RE.match(line)
            if m2 and key:
                data[key] += " {}".format(m2.group("value").strip())
            else:
                lines.insert(0, line)
                break  # no more settings
    consumed = total - len(lines)
    joined = "\n".join(lines)
    body = joined.lstrip("\n")
    line = consumed + (len(joined) - len(body)) + 1
    return Split(yaml=None, body=body, body_line=line, settings=data, settings_lines=consumed if data else 0)
