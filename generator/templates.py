"""Starting points for new content files. Each one passes `handbook check` as written."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

from .model import GROUP_KINDS, SCALES

__all__ = ["GROUP_KINDS", "SCALES", "pattern", "event", "group"]


def _yaml_text(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: safe for any title, quotes included.
    return json.dumps(text, ensure_ascii=False)


def pattern(title: str, scale: str) -> str:
    return f"""---
title: {_yaml_text(title)}
summary: One sentence that says what this practice gives people.
scale: {scale}
tags: []
related: []
---
## Context

Where does this pattern apply? Describe the situation in a few sentences.

## Problem

What goes wrong, or is missing, in that situation?

## Solution

What do people do about it? Describe the practice.

## Try it

1. A first small step someone could take this week.
"""


def event(title: str, group: str, start: str, duration: str) -> str:
    start = start.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", start):
        date.fromisoformat(start)
        timing = f"start: {start}        # a date alone: an all-day event\n"
    else:
        try:
            datetime.strptime(start, "%Y-%m-%d %H:%M")
        except ValueError:
            raise ValueError(f'--start must look like "2026-12-03 19:00" or "2026-12-03", not {start!r}')
        timing = f"start: {start}\nduration: {duration}\n"
    return f"""# A gathering. The formats are described on the site's Contribute pages.
title: {_yaml_text(title)}
group: {group}
{timing}status: confirmed
location:
  name: Where you meet
  address: Street, town
patterns: []
tags: []
description: |
  What happens, what to bring, and who is welcome.
"""


def group(name: str, kind: str, timezone: str, part_of: str | None) -> str:
    parent = f"part_of: {part_of}\n" if part_of else ""
    return f"""# A crew, congregation or network. The formats are described on the site's Contribute pages.
name: {_yaml_text(name)}
kind: {kind}
summary: One sentence about who you are and how often you meet.
timezone: {timezone}
where: Neighbourhood, town
{parent}open_to_newcomers: true
"""
