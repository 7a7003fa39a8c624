"""A corpus of broken content files, one mistake each: `handbook check` and `mkdocs build` must
name every one with its exact file, line and message, agree with each other, never show a
traceback, and still build the good content around them.

The files are in tests/bad_corpus/content/, laid out like a project's content folder and copied
over the shipped content. Files that git cannot hold (a huge file, a folder where a page should
be, a broken link, a file nobody may read) are made by the test. Binary and CRLF files are kept
byte for byte by tests/bad_corpus/.gitattributes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sitebuild import ROOT, build, copy_project, handbook

CORPUS = Path(__file__).parent / "bad_corpus" / "content"

# path -> the lines `handbook check` prints for it, without the leading `path:`
EXPECTED: dict[str, list[str]] = {
    'content/bad-page-latin-1.md': [
        '4: file is not valid UTF-8 text; save it as UTF-8',
    ],
    'content/events/corpus/2027.yml': [
        '1: `2027` cannot be a slug here: the site uses that address for something else; rename the file',
    ],
    'content/events/corpus/Bad_Name.yml': [
        '1: the file name `Bad_Name.yml` is not a slug; '
        'rename it to `bad-name.yml`: lowercase letters, digits and hyphens',
    ],
    'content/events/corpus/bad-all-day-hours.yml': [
        '4: an all-day event lasts whole days; '
        'write `duration: 2d`, or `end:` with its last day, or give `start` a time',
    ],
    'content/events/corpus/bad-billion-laughs.yml': [
        '4: unknown key `laughs`; did you mean `tags`?',
    ],
    'content/events/corpus/bad-binary.yml': [
        '1: file is binary, not text',
    ],
    'content/events/corpus/bad-bom-crlf.yml': [
        '4: `status` must be one of `confirmed`, `tentative`, `cancelled`, not `postponed`',
    ],
    'content/events/corpus/bad-change-key.yml': [
        '9: unknown key `repeat.changes[1].statut`; did you mean `status`?',
    ],
    'content/events/corpus/bad-clocks-go-forward.yml': [
        '3: `start` 2027-03-28 01:30 does not exist in Europe/London: the clocks go forward at that time; '
        'choose a time outside the change',
    ],
    'content/events/corpus/bad-deeply-nested.yml': [
        '4: not valid YAML: nested more than 100 levels deep; content files need a few levels at most; '
        'check for unclosed `[` or `{`',
    ],
    'content/events/corpus/bad-duration-no-unit.yml': [
        '4: `duration` must be a duration, not the number 2; give the unit: `2h` or `2m`',
    ],
    'content/events/corpus/bad-empty.yml': [
        '1: the file is empty; it needs at least `title`, `group`, `start`',
    ],
    'content/events/corpus/bad-end-before-start.yml': [
        '4: `end` 2027-02-04 18:00 is not after `start` 2027-02-04 19:00; an event ends after it starts',
    ],
    'content/events/corpus/bad-except-date.yml': [
        '9: `repeat.except` 2027-02-12 is not a date of the series; '
        'the nearest occurrence is on Thursday 2027-02-11',
    ],
    'content/events/corpus/bad-geo.yml': [
        '6: `location.geo` longitude 200 is not between -180 and 180; '
        'write `[latitude, longitude]` in degrees, like `[-41.3119, 174.7786]`',
    ],
    'content/events/corpus/bad-hourly-rrule.yml': [
        '5: `repeat.rrule` needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, not HOURLY; '
        'a series has at most one occurrence a day',
    ],
    'content/events/corpus/bad-impossible-date.yml': [
        '3: `start` `2027-02-30 19:00` is not a real date and time; '
        'write it like `2026-12-03 19:00`, or `2026-12-03` for an all-day event',
    ],
    'content/events/corpus/bad-json-unknown-key.yml': [
        '1: unknown key `colour`; '
        'known keys: `title`, `group`, `start`, `end`, `duration`, `timezone`, `status`, `repeat`, `location`, `online`, `patterns`, `tags`, `organizer`, `description`, `open_to_newcomers`',
    ],
    'content/events/corpus/bad-location-text.yml': [
        '4: `location` must be a mapping, not the text `The hall`; '
        'put its keys on the following lines, indented: name, address, geo',
    ],
    'content/events/corpus/bad-monthly-weekday.yml': [
        '6: `thursday` alone in a monthly series would be every thursday of the month; '
        'say which: `first thursday` ... `last thursday`; or use `every: week`',
    ],
    'content/events/corpus/bad-no-end.yml': [
        '3: a timed event needs `end` or `duration`; add `end: 2027-02-04 21:00` or `duration: 2h`',
    ],
    'content/events/corpus/bad-online-link.yml': [
        '4: `online` `javascript:alert(1)` is not a web address; links must start with https:// (or http://)',
    ],
    'content/events/corpus/bad-only-a-comment.yml': [
        '1: the file is empty; it needs at least `title`, `group`, `start`',
    ],
    'content/events/corpus/bad-organizer-email.yml': [
        '6: `organizer.email` `priya at example.org` is not an email address; '
        'write it like `name@example.org`',
    ],
    'content/events/corpus/bad-python-tag.yml': [
        '4: YAML tags such as `!!python/object/new:os.system` are not allowed in content files; '
        'write the value as plain text',
    ],
    'content/events/corpus/bad-start-off-series.yml': [
        '3: `start` (Tuesday 2027-02-02) is not one of the days the series repeats on; '
        'start the series on its first occurrence, 2027-02-04',
    ],
    'content/events/corpus/bad-status.yml': [
        '4: `status` must be one of `confirmed`, `tentative`, `cancelled`, not `canceled`; '
        'did you mean `cancelled`?',
    ],
    'content/events/corpus/bad-time-alone.yml': [
        '3: `start` is not a date or a date and time: `19:00`; '
        'write it like `2026-12-03 19:00`, or `2026-12-03` for an all-day event',
    ],
    'content/events/corpus/bad-timezone-case.yml': [
        '4: `timezone` `europe/london` is not a time zone; time zones look like `Europe/London`; '
        'did you mean `Europe/London`?',
    ],
    'content/events/corpus/bad-title-list.yml': [
        '1: `title` must be text, not a list; put it in quotes',
    ],
    'content/events/corpus/bad-title-two-lines.yml': [
        '1: `title` must be a single line; use `description` for longer text',
    ],
    'content/events/corpus/bad-top-level-list.yml': [
        '1: expected a mapping of keys such as `title:`, found a list; '
        'start each line with a key: `title`, `group`, `start`, `end`, ...',
    ],
    'content/events/corpus/bad-unclosed-bracket.yml': [
        "5: not valid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence started on line 4); "
        'check the indentation and quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`',
    ],
    'content/events/corpus/bad-unknown-group.yml': [
        '2: unknown group `hackney-crw`; did you mean `hackney-crew`?',
    ],
    'content/events/corpus/bad-unknown-pattern.yml': [
        '4: unknown pattern `chek-in`; did you mean `check-in`?',
    ],
    'content/events/corpus/bad-until-and-count.yml': [
        '7: `repeat.until` and `repeat.count` exclude each other; keep one',
    ],
    'content/events/corpus/bad-utc-offset.yml': [
        '3: `start` has a UTC offset; write the local time without `Z` or an offset; '
        '`timezone` gives the zone',
    ],
    'content/events/corpus/bad-utf-16.yml': [
        '1: file is saved as UTF-16 text; save it as UTF-8',
    ],
    'content/events/corpus/bad-weekday.yml': [
        '7: unknown weekday `thursdy` in `repeat.on`; did you mean `thursday`?',
    ],
    'content/events/corpus/index.yml': [
        '1: `index` cannot be a slug here: the site uses that address for something else; rename the file',
    ],
    'content/events/corpus/one/bad-twin.yml': [
        '1: the slug `bad-twin` is also used by content/events/corpus/two/bad-twin.yml; '
        "the file name is the event's address, so it must be unique across folders: rename one",
    ],
    'content/events/corpus/past.yml': [
        '1: `past` cannot be a slug here: the site uses that address for something else; rename the file',
    ],
    'content/events/corpus/two/bad-twin.yml': [
        '1: the slug `bad-twin` is also used by content/events/corpus/one/bad-twin.yml; '
        "the file name is the event's address, so it must be unique across folders: rename one",
    ],
    'content/groups/bad-city-as-timezone.yml': [
        '4: `timezone` `London` is not a time zone; time zones look like `Europe/London`; '
        'did you mean `Europe/London`?',
    ],
    'content/groups/bad-congregation-part-of.yml': [
        '5: `part_of` is for crews, and `bad-congregation-part-of` is a congregation; '
        'a congregation is made of crews; remove the line',
    ],
    'content/groups/bad-contact-script.yml': [
        '5: `contact` `javascript:alert(1)` is not a web address or mailto: link; '
        'write `https://...` or `mailto:name@example.org`',
    ],
    'content/groups/bad-duplicate-key.yml': [
        '5: `name` appears twice; keep one; YAML would silently drop the other',
    ],
    'content/groups/bad-extension.yaml': [
        '1: the file name ends in `.yaml`; rename it to `bad-extension.yml`',
    ],
    'content/groups/bad-html.yml': [
        '1: expected a mapping of keys such as `name:`, found the text `<!doctype html> <html><body>Not YAML at `; '
        'start each line with a key: `name`, `kind`, `summary`, `timezone`, ...',
    ],
    'content/groups/bad-area-spelling.yml': [
        '6: the area `online` would share the address /events/areas/online/ with `Online`; '
        'write it exactly as `Online`, or name a different place',
    ],
    'content/groups/bad-area-symbols.yml': [
        '5: the area `???` has no letter or digit to make its address from; '
        'write the town\'s name in Latin letters, like `Wellington` or `Sao Paulo`',
    ],
    'content/groups/bad-kind.yml': [
        '2: `kind` must be one of `crew`, `congregation`, `network`, not `crowd`; did you mean `crew`?',
    ],
    'content/groups/bad-newcomers-yes.yml': [
        '5: `open_to_newcomers` must be `true` or `false`, not the text `yes`; '
        'YAML 1.2 reads `yes`/`no`/`on`/`off` as text',
    ],
    'content/groups/bad-only-a-name.yml': [
        '1: `kind` is missing; what sort of group it is',
        '1: `summary` is missing; one sentence about the group',
        '1: `timezone` is missing; where its clocks are; the default for its events',
    ],
    'content/groups/bad-part-of-a-crew.yml': [
        '5: `hackney-crew` is a crew, not a congregation; '
        '`part_of` names the congregation this crew belongs to',
    ],
    'content/groups/bad-part-of-misspelt.yml': [
        '5: unknown group `london-congregaton`; did you mean `london-congregation`?',
    ],
    'content/groups/bad-tab-indent.yml': [
        "6: not valid YAML: found character '\\t' that cannot start any token; "
        'check the indentation and quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`',
    ],
    'content/groups/index.yml': [
        '1: `index` cannot be a slug here: the site uses that address for something else; rename the file',
    ],
    'content/groups/nested/bad-nested.yml': [
        '1: `groups/` takes no subfolders; move the file to `content/groups/bad-nested.yml`',
    ],
    'content/patterns/Bad Name.md': [
        '1: the file name `Bad Name.md` is not a slug; '
        'rename it to `bad-name.md`: lowercase letters, digits and hyphens',
    ],
    'content/patterns/bad-binary.md': [
        '1: file is binary, not text',
    ],
    'content/patterns/bad-bom-crlf.md': [
        '4: `scale` must be one of `self`, `partner`, `crew`, `congregation`, `network`, not `crews`; '
        'did you mean `crew`?',
    ],
    'content/patterns/bad-colon-in-summary.md': [
        '3: not valid YAML: mapping values are not allowed here; '
        'check the indentation and quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`',
    ],
    'content/patterns/bad-empty-front-matter.md': [
        '1: the front matter is empty; it needs at least `title`, `summary` and `scale`',
    ],
    'content/patterns/bad-empty.md': [
        '1: missing front matter; start the file with a `---` line, then title, summary and scale',
    ],
    'content/patterns/bad-front-matter-list.md': [
        '1: expected a mapping of keys such as `title:`, found a list; '
        'start each line with a key: `title`, `summary`, `scale`, `tags`, ...',
    ],
    'content/patterns/bad-front-matter-not-closed.md': [
        '1: front matter is not closed; add a `---` line after the last field',
    ],
    'content/patterns/bad-heading-misspelt.md': [
        '6: missing required heading `## Problem`; did you mean `## Problems`?',
    ],
    'content/patterns/bad-heading-twice.md': [
        '14: heading `## Problem` appears twice',
    ],
    'content/patterns/bad-latin-1.md': [
        '2: file is not valid UTF-8 text; save it as UTF-8',
    ],
    'content/patterns/bad-missing-summary.md': [
        '1: `summary` is missing; the pattern in one sentence',
    ],
    'content/patterns/bad-misspelt-key.md': [
        '1: `summary` is missing; the pattern in one sentence',
        '3: unknown key `sumary`; did you mean `summary`?',
    ],
    'content/patterns/bad-no-front-matter.md': [
        '1: missing front matter; start the file with a `---` line, then title, summary and scale',
    ],
    'content/patterns/bad-python-tag.md': [
        '2: YAML tags such as `!!python/object/apply:os.system` are not allowed in content files; '
        'write the value as plain text',
    ],
    'content/patterns/bad-related-itself.md': [
        '5: a pattern cannot be related to itself',
    ],
    'content/patterns/bad-related-unknown.md': [
        '5: related pattern `chek-in` does not exist; did you mean `check-in`?',
    ],
    'content/patterns/bad-scale.md': [
        '4: `scale` must be one of `self`, `partner`, `crew`, `congregation`, `network`, not `crowd`; '
        'did you mean `crew`?',
    ],
    'content/patterns/bad-tag-not-slug.md': [
        '5: `tags[1]` `Mutual Aid` is not a slug; '
        'slugs are lowercase words joined by hyphens, like `mutual-aid`',
    ],
    'content/patterns/bad-tag-twice.md': [
        '5: `trust` appears twice in `tags`',
    ],
    'content/patterns/bad-title-number.md': [
        '2: `title` must be text, not the number 42; put it in quotes',
    ],
    'content/patterns/tags.md': [
        '1: `tags` is the name of a generated page; rename this file',
    ],}

# Made by the test: git cannot hold them.
MADE: dict[str, list[str]] = {
    "content/events/corpus/bad-huge.yml": ["1: file is 300 KB; content files must be under 256 KB"],
    "content/patterns/bad-folder.md": [
        "1: this is a folder, not a pattern file; `patterns/` takes no subfolders; rename or move it"],
    "content/patterns/bad-broken-link.md": [
        "1: this is a symbolic link; content files must be real files; "
        "replace the link with a copy of the file; a link can lead outside content/"],
}
# root may read any file, so a file without read permission only counts for other users
CAN_HIDE_FILES = hasattr(os, "geteuid") and os.geteuid() != 0
if CAN_HIDE_FILES:
    MADE["content/groups/bad-unreadable.yml"] = ["1: cannot read the file: Permission denied"]

ALL = {**EXPECTED, **MADE}


def make_project(dest: Path) -> Path:
    """The shipped site (content, theme, mkdocs.yml) with every broken file added to it."""
    project = copy_project(dest, theme=True)
    shutil.copytree(CORPUS, project / "content", dirs_exist_ok=True)
    content = project / "content"
    (content / "events/corpus/bad-huge.yml").write_bytes(b"title: T\n" + b"# padding\n" * 30_720)
    (content / "patterns/bad-folder.md").mkdir()
    (content / "patterns/bad-broken-link.md").symlink_to(content / "patterns/nowhere.md")
    if CAN_HIDE_FILES:
        hidden = content / "groups/bad-unreadable.yml"
        hidden.write_text("name: Hidden\n")
        hidden.chmod(0)
    return project


def check(project: Path, *options: str) -> subprocess.CompletedProcess:
    return handbook("check", *options, cwd=project)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def checked(project) -> subprocess.CompletedProcess:
    return check(project)


@pytest.fixture(scope="module")
def built(project):
    # Strict, as the pull-request workflow builds; every problem is an error either way.
    return build(project, strict=True)


def problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"^content/\S.*:\d+: ", line)]


def test_the_corpus_is_large_and_every_file_has_its_expectation():
    files = {f"content/{p.relative_to(CORPUS).as_posix()}" for p in CORPUS.rglob("*") if p.is_file()}
    assert files == set(EXPECTED)
    assert len(ALL) >= 40
    kinds = {path.split("/")[1] for path in ALL}
    assert {"patterns", "groups", "events"} <= kinds


def test_check_exits_1_without_a_traceback(checked):
    assert checked.returncode == 1, checked.stderr
    assert "Traceback" not in checked.stdout + checked.stderr
    files = len(ALL)
    assert checked.stderr.strip().endswith(f"problem(s) in {files} file(s)")


@pytest.mark.parametrize("path", sorted(ALL))
def test_each_broken_file_gets_its_exact_lines(checked, path):
    printed = [line for line in checked.stdout.splitlines() if line.startswith(path + ":")]
    assert printed == [f"{path}:{line}" for line in ALL[path]]


def test_nothing_but_the_broken_files_is_reported(checked):
    printed = problem_lines(checked.stdout)
    assert len(printed) == len(checked.stdout.splitlines())  # every line of output is a problem
    assert sorted(printed) == sorted(f"{path}:{line}" for path, lines in ALL.items() for line in lines)


def test_github_annotations_carry_the_same_problems(project, checked):
    annotated = check(project, "--format", "github")
    assert annotated.returncode == 1 and "Traceback" not in annotated.stderr
    unescaped = []
    for line in annotated.stdout.splitlines():
        match = re.fullmatch(r"::error file=([^,]+),line=(\d+),title=handbook check::(.*)", line)
        assert match, line
        path, number, message = (unescape(part) for part in match.groups())
        unescaped.append(f"{path}:{number}: {message}")
    assert unescaped == checked.stdout.splitlines()


def unescape(text: str) -> str:
    for escaped, char in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def test_the_build_reports_the_same_problems_as_check(built, checked):
    assert built.returncode == 1
    assert "Traceback" not in built.output
    from_build = sorted(re.findall(r"^ERROR\s+-\s+handbook: (.*)$", built.output, re.MULTILINE))
    assert from_build == sorted(checked.stdout.splitlines())


def test_the_good_content_still_builds_around_the_broken_files(built):
    for pattern in (ROOT / "content/patterns").glob("*.md"):
        assert built.page(f"patterns/{pattern.stem}/").is_file(), pattern.name
    for group in (ROOT / "content/groups").glob("*.yml"):
        assert built.page(f"groups/{group.stem}/").is_file(), group.name
    for event in (ROOT / "content/events").rglob("*.yml"):
        assert built.page(f"events/{event.stem}/").is_file(), event.name
    # A broken event or group is not published half-understood.
    assert not built.page("events/bad-status/").exists()
    assert not built.page("groups/bad-kind/").exists()
    # Nor is a page MkDocs cannot read.
    assert not built.page("patterns/bad-binary/").exists()
    assert not built.page("bad-page-latin-1/").exists()


@pytest.mark.parametrize("name", ["patterns/crew.md", "groups/hackney-crew.yml", "events/london/hackney-tuesday-crew.yml"])
def test_a_file_nobody_may_read_is_one_problem_even_for_root(tmp_path, monkeypatch, name):
    """Root reads any file, so the made-up unreadable file above only counts for other users;
    here the operating system's refusal is simulated, whoever runs the tests."""
    from generator.content.load import load_content

    shutil.copytree(ROOT / "content", tmp_path / "content")
    hidden = (tmp_path / "content" / name).resolve()
    read_bytes = Path.read_bytes

    def refuse(path):
        if path.resolve() == hidden:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    problems = [str(p) for p in load_content(tmp_path / "content", tmp_path).problems
                if p.path == f"content/{name}"]
    assert problems == [f"content/{name}:1: cannot read the file: Permission denied"]
