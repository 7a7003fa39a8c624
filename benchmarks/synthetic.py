"""A synthetic handbook of any size, for the benchmarks: patterns, groups and events written in
the project's own formats, so that `handbook check` passes and `mkdocs build --strict` works.

The shape, so that the numbers mean something:

* patterns: spread evenly over the five scales, 2 tags each from a pool that grows with the
  number of patterns (about 12 patterns a tag), 3 related patterns each, ~450 words of body;
* groups: one congregation for every 200 events, each with 4 crews, all of a congregation in one
  of 7 time zones, plus one network; so a group holds about 40 events whatever the size;
* events: spread evenly from two years before "now" to one year after it, so the calendar gets
  denser as it grows (more groups meet in the same weeks); one in ten repeats (weekly, fortnightly
  or monthly, 8 to 20 times) with one date removed (`except`), one moved and one cancelled
  (`changes`); 1 in 20 all day, 1 in 20 tentative, 1 in 20 cancelled, 1 in 5 online only;
  1 to 3 patterns and 0 to 2 tags (from a fixed pool of 12) each.

Everything comes from a seeded random generator: the same size gives the same files.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALES = ("self", "partner", "crew", "congregation", "network")
ZONES = ("Europe/London", "Pacific/Auckland", "America/New_York", "Europe/Madrid", "Asia/Kolkata",
         "America/Los_Angeles", "Australia/Sydney")
EVENT_TAGS = ("newcomers-welcome", "weekly", "outdoors", "food", "family", "quiet", "music", "skills",
              "walk", "games", "planning", "repair")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DATA_FOLDERS = ("patterns", "groups", "events", "paths")  # paths name the real patterns
# A fixed "now": 2026-11-26 12:00 UTC, the same as the fixture sites of the tests.
DEFAULT_EPOCH = 1795694400
WORDS = (
    "neighbours meet share listen kitchen table evening trust circle small group care help ask "
    "offer time together slowly practice weekly bread soup walk garden tools lend borrow repair "
    "story question answer honest gentle rhythm season friends strangers welcome door open room "
    "chairs candle notes agenda round turn voice quiet laugh grief joy money rent childcare lift "
    "move house letter call message thread tension repair apology promise keep return again "
    "notice check name feeling need request plan decide gather host invite cook wash dishes "
    "common purse fund crisis support lean rely steady anchor bridge village street block town"
).split()


@dataclass(frozen=True)
class Size:
    patterns: int
    events: int

    @classmethod
    def parse(cls, text: str) -> Size:
        """`100x1000` is 100 patterns and 1,000 events."""
        patterns, _, events = text.lower().partition("x")
        size = cls(int(patterns), int(events))
        if size.patterns < 5 or size.events < 10:
            raise ValueError(f"a size needs at least 5 patterns and 10 events, not {text}")
        return size

    def __str__(self) -> str:
        return f"{self.patterns}x{self.events}"


@dataclass(frozen=True)
class Written:
    root: Path  # the project folder, with mkdocs.yml
    patterns: int
    groups: int
    events: int
    recurring: int


def write_handbook(root: Path, size: Size, seed: int = 7, epoch: int = DEFAULT_EPOCH) -> Written:
    """Write a project folder at `root`: mkdocs.yml and theme from this repository, synthetic data."""
    rng = random.Random(seed)
    now = datetime.fromtimestamp(epoch, tz=timezone.utc)
    content = root / "content"
    _copy_site_frame(root, content)
    slugs = _write_patterns(content / "patterns", size.patterns, rng)
    groups = _write_groups(content / "groups", size.events, rng)
    recurring = _write_events(content / "events", size.events, slugs, groups, now, rng)
    return Written(root, size.patterns, len(groups), size.events, recurring)


def _copy_site_frame(root: Path, content: Path) -> None:
    """The project's mkdocs.yml and ordinary pages, so the synthetic site is built as ours is."""
    root.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if "custom_dir: theme" not in config:
        raise RuntimeError("mkdocs.yml no longer says `custom_dir: theme`; teach benchmarks/synthetic.py")
    config = config.replace("custom_dir: theme", f"custom_dir: {json.dumps(str(ROOT / 'theme'))}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    source = ROOT / "content"
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if path.is_dir() or relative.parts[0] in DATA_FOLDERS:
            continue
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    # The real home and about pages link to the real patterns, which the synthetic handbook does not have.
    (content / "index.md").write_text("# A synthetic handbook\n\nMade by `benchmarks/synthetic.py`: "
                                      "[the patterns](patterns/index.md), [the gatherings](events/index.md).\n",
                                      encoding="utf-8")
    (content / "about.md").write_text("# About\n\nA synthetic handbook, made by `benchmarks/synthetic.py`.\n",
                                      encoding="utf-8")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def _q(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


# ---------------------------------------------------------------------------------------------
# Patterns


def _write_patterns(folder: Path, count: int, rng: random.Random) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    slugs = [f"pattern-{i:04d}" for i in range(count)]
    tags = [f"theme-{i:03d}" for i in range(max(4, count // 6))]
    for i, slug in enumerate(slugs):
        related = rng.sample([s for s in slugs if s != slug], 3)
        front = (f"---\ntitle: {_q(_sentence(rng, 3)[:-1] + f' {i}')}\n"
                 f"summary: {_q(_sentence(rng, 14))}\n"
                 f"scale: {SCALES[i % len(SCALES)]}\n"
                 f"tags: {_flow(sorted(rng.sample(tags, 2)))}\n"
                 f"related: {_flow(related)}\n---\n")
        body = "".join(f"## {heading}\n\n{_paragraph(rng, 3)}\n\n{_paragraph(rng, 3)}\n\n"
                       for heading in ("Context", "Problem", "Solution"))
        body += "## Try it\n\n" + "".join(f"{n}. {_sentence(rng, 10)}\n" for n in range(1, 4))
        (folder / f"{slug}.md").write_text(front + body, encoding="utf-8")
    return slugs


# ---------------------------------------------------------------------------------------------
# Groups


@dataclass(frozen=True)
class _Group:
    slug: str
    zone: str


def _write_groups(folder: Path, events: int, rng: random.Random) -> list[_Group]:
    folder.mkdir(parents=True, exist_ok=True)
    groups = [_Group("network", "Europe/London")]
    _write_group(folder, groups[0], "The network", "network", None, rng)
    for c in range(max(2, -(-events // 200))):
        zone = ZONES[c % len(ZONES)]
        congregation = _Group(f"congregation-{c:03d}", zone)
        _write_group(folder, congregation, f"Congregation {c}", "congregation", None, rng)
        groups.append(congregation)
        for k in range(4):
            crew = _Group(f"crew-{c:03d}-{k}", zone)
            _write_group(folder, crew, f"Crew {c}.{k}", "crew", congregation.slug, rng)
            groups.append(crew)
    return groups


def _write_group(folder: Path, group: _Group, name: str, kind: str, part_of: str | None,
                 rng: random.Random) -> None:
    text = (f"name: {_q(name)}\nkind: {kind}\nsummary: {_q(_sentence(rng, 12))}\n"
            f"timezone: {group.zone}\nwhere: {_q(_sentence(rng, 2)[:-1])}\n")
    if part_of:
        text += f"part_of: {part_of}\n"
    text += f"open_to_newcomers: {'true' if rng.random() < 0.7 else 'false'}\n"
    text += f"contact: mailto:{group.slug}@example.org\n"
    (folder / f"{group.slug}.yml").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Events


def _write_events(folder: Path, count: int, patterns: list[str], groups: list[_Group], now: datetime,
                  rng: random.Random) -> int:
    first_day = now.date() - timedelta(days=730)
    span = 365 * 3
    recurring = 0
    for i in range(count):
        group = groups[rng.randrange(len(groups))]
        day = first_day + timedelta(days=rng.randrange(span))
        repeats = i % 10 == 0
        if repeats:
            day = day.replace(day=min(day.day, 28))  # a monthly series by day number needs every month to have it
        all_day = not repeats and i % 20 == 1
        lines = [f"title: {_q(_sentence(rng, 4)[:-1])}", f"group: {group.slug}"]
        hour, minute = rng.randint(7, 19), rng.choice((0, 30))
        if all_day:
            lines.append(f"start: {day}")
            if rng.random() < 0.5:
                lines.append(f"end: {day + timedelta(days=rng.randint(1, 2))}")
        else:
            lines.append(f"start: {day} {hour:02d}:{minute:02d}")
            if rng.random() < 0.5:
                lines.append(f"end: {day} {hour + 2:02d}:{minute:02d}")
            else:
                lines.append(f"duration: {rng.choice(('1h', '90m', '2h', '1h30m', '3h'))}")
        if i % 40 == 7:
            lines.append(f"timezone: {ZONES[(ZONES.index(group.zone) + 1) % len(ZONES)]}")
        if i % 20 == 3:
            lines.append("status: tentative")
        elif i % 20 == 5:
            lines.append("status: cancelled")
        if repeats:
            recurring += 1
            lines += _repeat(day, hour, minute, all_day, rng)
        if i % 5 != 4:
            lines += ["location:", f"  name: {_q('Hall ' + str(rng.randint(1, 500)))}",
                      f"  address: {_q(str(rng.randint(1, 200)) + ' ' + _sentence(rng, 2)[:-1] + ' Street')}",
                      f"  geo: [{rng.uniform(-60, 60):.4f}, {rng.uniform(-170, 170):.4f}]"]
        if i % 5 in (3, 4):
            lines.append(f"online: https://meet.example.org/{i}")
        lines.append(f"patterns: {_flow(rng.sample(patterns, rng.randint(1, 3)))}")
        lines.append(f"tags: {_flow(sorted(rng.sample(EVENT_TAGS, rng.randint(0, 2))))}")
        lines.append(f"organizer: {{name: {_q('Organiser ' + str(i % 97))}, email: host{i % 97}@example.org}}")
        lines.append("description: |")
        lines += ["  " + _paragraph(rng, 3), "", "  " + _paragraph(rng, 2)]
        sub = folder / group.slug
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"event-{i:05d}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return recurring


def _repeat(day: date, hour: int, minute: int, all_day: bool, rng: random.Random) -> list[str]:
    kind = rng.choice(("week", "fortnight", "month"))
    times = rng.randint(8, 20)
    if kind == "month":
        dates = [_add_months(day, k) for k in range(times)]
        rule = ["  every: month", f"  on: {day.day}"]
    else:
        step = 7 if kind == "week" else 14
        dates = [day + timedelta(days=step * k) for k in range(times)]
        rule = ["  every: week"] + (["  interval: 2"] if kind == "fortnight" else []) + [
            f"  on: [{WEEKDAYS[day.weekday()]}]"]
    ending = f"  count: {times}" if rng.random() < 0.5 else f"  until: {dates[-1]}"
    moved, cancelled = dates[3], dates[4]
    return ["repeat:", *rule, ending, f"  except: [{dates[2]}]", "  changes:",
            f"    - date: {moved}",
            f"      start: {moved} {hour + 1:02d}:{minute:02d}",
            f"      end: {moved} {hour + 3:02d}:{minute:02d}",
            f"      description: {_q(_sentence(rng, 12))}",
            f"    - date: {cancelled}",
            "      status: cancelled"]


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1)
