"""Links in a description that the site would not keep, found before the build drops them.

A description is shown on many pages and in calendar apps, so `content/descriptions` keeps a link
only when `core/safe_html.safe_link` accepts it (a full http(s) or mailto address) and shows any
other link as plain text. Dropping it silently would leave an editor wondering where the link
went, so the check names the first such link with its line.

The search is linear: each pattern reads a line once and cannot backtrack across lines. Code
spans are blanked first, because `[a](b)` inside backticks is text, not a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.safe_html import safe_link

_CODE_SPAN = re.compile(r"`[^`\n]*`")
# An inline link or image, `[text](target "title")`, and a reference definition, `[id]: target`.
# The target may hold balanced parentheses one level deep, as Python-Markdown reads them; an
# escaped `\](` is text.
_INLINE_TARGET = re.compile(r"(?<!\\)\]\([ \t]*<?([^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*)")
_REFERENCE_TARGET = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s<>]*)", re.MULTILINE)


@dataclass(frozen=True)
class DroppedLink:
    target: str
    line: int  # 1-based, within the text

    @property
    def message(self) -> str:
        return f"a link to `{self.target}`, which is shown as plain text (line {self.line} of the text)"

    hint = "links in a description must be full https://, http:// or mailto: addresses"


def first_dropped_link(text: str) -> DroppedLink | None:
    """The first link or image in `text` whose address the site would not keep, if any."""
    if "](" not in text and "]:" not in text:
        return None
    blanked = _CODE_SPAN.sub(lambda match: " " * len(match.group()), text)
    found = [(m.start(1), m.group(1)) for m in _INLINE_TARGET.finditer(blanked)]
    found += [(m.start(1), m.group(1)) for m in _REFERENCE_TARGET.finditer(blanked)]
    for offset, target in sorted(found):
        if target and safe_link(target) is None:
            return DroppedLink(target[:200], text.count("\n", 0, offset) + 1)
    return None
