"""Places a reader filters gatherings by: a group's `area` (a town, a city, a region, or Online).

One rule decides where a gathering is, for the agenda's "Where" row, the area pages and the area
feeds alike, so a page and the feed it offers always hold the same gatherings: a gathering with
an online link and no place to meet is `Online`; any other takes its group's area (and has none
when the group names none). A hybrid gathering belongs to its group's area.
"""

from __future__ import annotations

from .model import Content, Event, Group
from .urls import slugify

ONLINE = "Online"


def area_slug(name: str) -> str:
    """The address of an area: `Wellington` -> `wellington`, `St. Albans` -> `st-albans`,
    `Zürich` -> `zurich`; "" for a name without a Latin letter or a digit (the check refuses it).
    The site's one slug rule, named for what it is used for here."""
    return slugify(name)


def area_of(event: Event, group: Group | None) -> str:
    """The area a gathering counts in, or "" when it has none (see the module's docstring)."""
    if event.online and event.location is None:
        return ONLINE
    return group.area if group is not None else ""


def in_words(area: str) -> str:
    """"in Wellington", "online": the area after a verb."""
    return "online" if area == ONLINE else f"in {area}"


def area_problem(name: str, seen: dict[str, str]) -> tuple[str, str] | None:
    """(message, hint) when an area's name has no address of its own: `seen` maps the slugs of
    the areas met so far (Online's among them) to the way they were written."""
    slug = area_slug(name)
    if not slug:
        return (f"the area `{name}` has no letter or digit to make its address from",
                "write the town's name in Latin letters, like `Wellington` or `Sao Paulo`")
    other = seen.get(slug)
    if other is not None and other != name:
        return (f"the area `{name}` would share the address /events/areas/{slug}/ with `{other}`",
                f"write it exactly as `{other}`, or name a different place")
    return None


def areas_of(content: Content) -> dict[str, str]:
    """Every area a gathering counts in, by slug, with its name as the files write it."""
    found: dict[str, str] = {}
    for slug in sorted(content.events):
        event = content.events[slug]
        area = area_of(event, content.groups.get(event.group))
        if area:
            found.setdefault(area_slug(area), area)
    return found
