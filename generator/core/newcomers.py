"""Who may come to a gathering: anyone, or the members of its group only.

An event's own `open_to_newcomers` wins; without it, the group's says. A gathering that is not
open is marked with the same words everywhere it appears (listings, its page, the feeds), so a
newcomer never turns up at a closed circle by mistake.
"""

from __future__ import annotations

from .model import Event, Group

MEMBERS_ONLY = "Members only"


def open_to_newcomers(event: Event, group: Group | None) -> bool:
    """Whether a newcomer may simply turn up."""
    if event.open_to_newcomers is not None:
        return event.open_to_newcomers
    return group.open_to_newcomers if group is not None else False
