"""Loading groups: `content/groups/<slug>.yml`, one crew, congregation or network per file."""

from __future__ import annotations

import functools
from pathlib import Path

from ..core.areas import ONLINE, area_problem, area_slug
from ..core.model import CalendarLink, Group
from ..core.problems import Problem, Reporter, problem_path
from ..core.urls import is_reserved
from .files import GROUP as GROUP_FILE
from .files import ContentFiles, scan
from .formats import GROUP, check_slug, did_you_mean, load_data
from .yamlfile import line_of_key


def load_groups(content_dir: Path, base: Path,
                files: ContentFiles | None = None) -> tuple[dict[str, Group], list[Problem]]:
    """Every valid group by slug, and a problem for everything wrong; a group file with a problem
    is left out (and said so), the others still load. `files` is the content folder's walk
    (`content.files.scan`), whose own refusals its caller reports."""
    problems: list[Problem] = []  # load_content reports the walk's refusals, once for every folder
    if files is None:  # on its own, the loader reports those of its folder
        files = scan(content_dir, base)
        problems = files.problems_in("groups", base)
    candidates: dict[str, tuple[Group, Reporter, int]] = {}
    area_lines: dict[str, int] = {}
    for file in files.of_kind(GROUP_FILE):
        path = file.path
        report = Reporter(problem_path(path, base), problems)
        slug_ok = check_slug(path, report, functools.partial(is_reserved, "group"))
        data = load_data(file.raw, GROUP, report)
        if data is None or not slug_ok:
            continue
        group = _group(path.stem, report.path, data)
        candidates[group.slug] = (group, report, line_of_key(data, "part_of"))
        area_lines[group.slug] = line_of_key(data, "area")

    groups = {}
    areas_ok = _areas_ok(candidates, area_lines)
    for slug, (group, report, part_of_line) in candidates.items():
        if slug in areas_ok and (
                group.part_of is None or _part_of_ok(group, candidates, content_dir, base, report, part_of_line)):
            groups[slug] = group
    return groups, sorted(problems)


def _areas_ok(candidates: dict, lines: dict[str, int]) -> set[str]:
    """The groups whose area has an address of its own: two spellings of one place (`St Albans`,
    `St. Albans`) would make two buttons for one page. The first spelling, in order of slug, is
    the one the others are asked to match; `Online` is always spelt so."""
    seen = {area_slug(ONLINE): ONLINE}
    found = set()
    for slug in sorted(candidates):
        group, report, _ = candidates[slug]
        problem = area_problem(group.area, seen) if group.area else None
        if problem:
            report.error(lines[slug], *problem)
            continue
        if group.area:
            seen.setdefault(area_slug(group.area), group.area)
        found.add(slug)
    return found


def _group(slug: str, path: str, data: dict) -> Group:
    def text(key: str) -> str:
        return str(data.get(key, "")).strip()

    return Group(
        slug=slug, path=path, name=text("name"), kind=text("kind"), summary=text("summary"),
        timezone=text("timezone"), where=text("where"), part_of=text("part_of") or None,
        open_to_newcomers=bool(data.get("open_to_newcomers", False)), contact=text("contact") or None,
        area=text("area"), calendar=_calendar(data))


def _calendar(data: dict) -> CalendarLink | None:
    """`calendar: URL`, or the mapping with `url` and the options (checked by `formats.CALENDAR`)."""
    node = data.get("calendar")
    if node is None:
        return None
    if not isinstance(node, dict):
        node = {"url": node}

    def words(key: str) -> tuple[str, ...]:
        value = node.get(key, [])
        return tuple(dict.fromkeys(str(item).strip() for item in (value if isinstance(value, list) else [value])))

    return CalendarLink(url=str(node["url"]).strip(), line=line_of_key(data, "calendar"),
                        patterns=words("patterns"), tags=words("tags"), categories=words("categories"),
                        keywords=words("keywords"))


def _part_of_ok(group: Group, candidates: dict, content_dir: Path, base: Path, report: Reporter,
                line: int) -> bool:
    # Only crews belong to something: that keeps membership one level deep and free of cycles.
    target = candidates.get(group.part_of)
    target_file = content_dir / "groups" / f"{group.part_of}.yml"
    if group.kind != "crew":
        report.error(line, f"`part_of` is for crews, and `{group.slug}` is a {group.kind}",
                     "a congregation is made of crews; remove the line")
    elif group.part_of == group.slug:
        report.error(line, "a group cannot be part of itself", "name its congregation")
    elif target is None and target_file.is_file():
        report.error(line, f"group `{group.part_of}` has problems", f"fix {problem_path(target_file, base)} first")
    elif target is None:
        report.error(line, f"unknown group `{group.part_of}`",
                     did_you_mean(group.part_of, candidates) or "groups are the files in content/groups/")
    elif target[0].kind != "congregation":
        report.error(line, f"`{group.part_of}` is a {target[0].kind}, not a congregation",
                     "`part_of` names the congregation this crew belongs to")
    else:
        return True
    return False
