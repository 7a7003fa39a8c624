"""The options of the handbook's plugins, declared once: their defaults and help texts. The
MkDocs plugins make their config classes from these (`plugins/shared.config_class`), `handbook
export` reads mkdocs.yml with them, and a test checks the README's table against them."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, fields
from datetime import timedelta
from pathlib import Path

from ..core import limits
from ..pages.calendar.model import Options as CalendarDefaults


def option(default, help: str):
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class PatternsOptions:
    enabled: bool = option(True, "run the plugin")
    folder: str = option("patterns", "folder of the patterns inside docs_dir; also the URL prefix of their pages")


@dataclass(frozen=True)
class PathsOptions:
    enabled: bool = option(True, "run the plugin")


@dataclass(frozen=True)
class GlossaryOptions:
    enabled: bool = option(True, "run the plugin")


# The calendar's defaults are the page model's (`pages.calendar.model.Options`): what a page falls
# back to and what mkdocs.yml and the README say are one number each.
@dataclass(frozen=True)
class CalendarOptions:
    enabled: bool = option(True, "run the plugin")
    horizon_days: int = option(CalendarDefaults.horizon_days, "how far ahead the agenda, group pages and pattern pages look")
    past_days: int = option(CalendarDefaults.past_days, "how far back `/events/past/`, group pages and the month grids go")
    listing_limit: int = option(CalendarDefaults.listing_limit, "gatherings listed on the agenda, past, filter and group pages; the rest are "
                                    "linked by month")
    day_limit: int = option(CalendarDefaults.day_limit, "gatherings shown in one day of a month grid; a busier day links "
                               "`/events/<yyyy>/<mm>/<dd>/`")
    filter_groups: int = option(CalendarDefaults.filter_groups, "past this many groups, the filters and `/groups/` list congregations, and "
                                    "each congregation its crews")
    series_dates: int = option(CalendarDefaults.series_dates, "dates on a series' page")
    group_past: int = option(CalendarDefaults.group_past, "past gatherings on a group's page")
    pattern_gatherings: int = option(CalendarDefaults.pattern_gatherings, "gatherings on a pattern's page")
    # Groups' own calendars (`calendar:` in a group file, `generator.content.imported`). A feed
    # that is down is not a mistake in the content: by default its problems are information.
    calendars_timeout: int = option(limits.IMPORT_TIMEOUT_SECONDS, "seconds one group's own calendar feed "
                                    "(`calendar:` in its file) may take to download")
    calendars_max_mb: int = option(limits.IMPORT_MAX_BYTES // 1_000_000, "megabytes one group's own calendar "
                                   "feed may take")
    calendars_strict: bool = option(False, "a feed that cannot be fetched or read is a warning, so `--strict` "
                                           "fails; by default it is logged and the last good copy is used")
    calendars_offline: bool = option(False, "build from the copies in `.cache/calendars/` alone, as "
                                            "`HANDBOOK_CALENDARS=offline` and `handbook check --offline` do")


@dataclass(frozen=True)
class FeedsOptions:
    enabled: bool = option(True, "run the plugin")
    past_days: int = option(180, "events whose last occurrence ended longer ago than this leave the feeds")
    cancelled_days: int = option(30, "a cancelled event stays in the feeds, marked cancelled, this long after its "
                                     "end and after the commit that cancelled it")
    refresh_hours: int = option(12, "how often calendar apps are asked to check the feeds")
    require_history: bool = option(False, "fail the build when git history is missing or shallow (or set "
                                          "HANDBOOK_REQUIRE_HISTORY=1), so SEQUENCE never goes down")
    previous_feed: str | None = option(None, "the feed live now (downloaded before the build), relative to "
                                             "mkdocs.yml: SEQUENCE never goes below it")

    @property
    def refresh(self) -> timedelta:
        return timedelta(hours=self.refresh_hours)


@dataclass(frozen=True)
class SearchOptions:
    enabled: bool = option(True, "run the plugin")


@dataclass(frozen=True)
class WayfindingOptions:
    enabled: bool = option(True, "run the plugin")


@dataclass(frozen=True)
class EditorsOptions:
    enabled: bool = option(True, "run the plugin")
    schemas: bool = option(True, "publish the JSON Schemas of the formats at `/schemas/<kind>.schema.json`")


# The plugins as mkdocs.yml names them, and their options.
PLUGINS = {
    "handbook-patterns": PatternsOptions,
    "handbook-paths": PathsOptions,
    "handbook-glossary": GlossaryOptions,
    "handbook-calendar": CalendarOptions,
    "handbook-feeds": FeedsOptions,
    "handbook-editors": EditorsOptions,
    "handbook-search": SearchOptions,
    "handbook-wayfinding": WayfindingOptions,
}
# Options that must be at least 1.
POSITIVE = {"horizon_days", "past_days", "listing_limit", "day_limit", "filter_groups", "cancelled_days",
            "refresh_hours", "calendars_timeout", "calendars_max_mb"}


def help_of(options: type) -> dict[str, tuple[object, str]]:
    """Each option's default and help text, in the order declared."""
    return {f.name: (f.default, f.metadata["help"]) for f in fields(options)}


def problems_of(plugin: str, options) -> list[str]:
    """Values no build can use, one line each."""
    return [f"{plugin}: `{f.name}` must be at least 1, not {getattr(options, f.name)}"
            for f in fields(options) if f.name in POSITIVE and getattr(options, f.name) < 1]


# -- the README's tables ------------------------------------------------------------------------
# README.md holds one table per plugin between `<!-- options: NAME -->` and `<!-- /options -->`;
# `python -m generator.site.options README.md` rewrites them, and tests/test_engines.py checks them.

TABLE = re.compile(r"(<!-- options: (?P<name>[a-z-]+) -->\n).*?(<!-- /options -->)", re.S)


def markdown_table(options: type) -> str:
    rows = ["| option (default) | what it sets |", "| --- | --- |"]
    rows += [f"| `{name}` ({_shown(default)}) | {text} |" for name, (default, text) in help_of(options).items()
             if name != "enabled"]
    return "\n".join(rows) + "\n"


def with_tables(readme: str) -> str:
    return TABLE.sub(lambda m: m.group(1) + markdown_table(PLUGINS[m.group("name")]) + m.group(3), readme)


def _shown(default) -> str:
    if default is None:
        return "none"
    return str(default).lower() if isinstance(default, bool) else str(default)


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(with_tables(path.read_text(encoding="utf-8")), encoding="utf-8")
