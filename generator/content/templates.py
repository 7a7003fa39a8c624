"""Starting points for new content files. Each one passes `handbook check` as written.

The YAML templates start with a `yaml-language-server` modeline naming the file's JSON Schema,
so editors with a YAML language server (VS Code, Neovim, Helix, ...) complete keys and underline
mistakes as they type. Optional fields are shown commented out, ready to be switched on.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from ..core.model import GROUP_KINDS, SCALES
from .formats import ORDINALS, WEEKDAYS

__all__ = ["GROUP_KINDS", "SCALES", "pattern", "event", "group", "path"]


def _yaml_text(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: safe for any title, quotes included.
    return json.dumps(text, ensure_ascii=False)


def _modeline(schema: str | None) -> str:
    return f"# yaml-language-server: $schema={schema}\n" if schema else ""


def _commented(line: str, comment: str) -> str:
    return f"{line.ljust(31)} # {comment}\n"


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

## Story

A few sentences about the practice in use: who, where, what happened. Invented is fine, if it is
plausible; real is better, with the people's permission.

## Try it

1. A first small step someone could take this week.
"""


def event(title: str, group: str, start: date | datetime, duration: str = "2h", schema: str | None = None) -> str:
    day = start.date() if isinstance(start, datetime) else start
    if not isinstance(start, datetime):
        timing = (_commented(f"start: {start.isoformat()}", "a date alone: an all-day event")
                  + _commented(f"# end: {start.isoformat()}", "its last day, for a gathering of several days"))
    else:
        written = f"{start:%Y-%m-%d %H:%M}" + (f":{start:%S}" if start.second else "")
        timing = (_commented(f"start: {written}", "local time where the group meets")
                  + _commented(f"duration: {duration}", f"or end: {start:%Y-%m-%d} 21:00"))
    return f"""{_modeline(schema)}# A gathering. Every field is explained on the site's Contribute pages;
# `handbook check` says what is wrong and on which line.
title: {_yaml_text(title)}
group: {group}
{timing}status: confirmed               # confirmed | tentative | cancelled
location:
  name: Where you meet
  address: Street, town
# online: https://meet.example.org/your-room
# repeat:                       # for a series
#   every: week                 # day | week | month | year
#   on: [{WEEKDAYS[day.weekday()]}]{" " * (22 - len(WEEKDAYS[day.weekday()]))}# monthly: [{ORDINALS[(day.day - 1) // 7]} {WEEKDAYS[day.weekday()]}] or [{day.day}]
#   until: {day + timedelta(weeks=12)}           # or count: 12
patterns: []                    # slugs of patterns you practise, like [check-in, crew]
tags: []                        # like [newcomers-welcome]
# open_to_newcomers: false      # "Members only"; by default what the group says
description: |
  What happens, what to bring, and who is welcome.
"""


def group(name: str, kind: str, timezone: str, part_of: str | None = None, schema: str | None = None) -> str:
    parent = f"part_of: {part_of}\n" if part_of else ""
    return f"""{_modeline(schema)}# A crew, congregation or network. Every field is explained on the site's Contribute pages.
name: {_yaml_text(name)}
kind: {kind}
summary: One sentence about who you are and how often you meet.
timezone: {timezone}
where: Neighbourhood, town
# area: Town                    # the town, city or region readers look for, or Online
{parent}open_to_newcomers: true
# contact: https://example.org/your-page     # or mailto:you@example.org
"""


def path(title: str, patterns: list[str]) -> str:
    """A path through `patterns` (slugs of existing patterns), one step each."""
    steps = "".join(f"""  - pattern: {slug}
    when: {"first" if number == 1 else "then"}
    do: What to do at this step, in a sentence or two.
""" for number, slug in enumerate(patterns, start=1))
    return f"""---
title: {_yaml_text(title)}
summary: Who this path is for and where it leads, in one sentence.
steps:
{steps}---
An optional introduction: what the path is for and how long it takes.
"""
