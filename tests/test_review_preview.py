"""`handbook preview --base REF` as the Check workflow runs it on a pull request: the gatherings
added, changed and removed in words the event page uses, and nothing from content that could
mention, link, embed or inject HTML into the comment."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup
from sitebuild import FIXED_EPOCH, build, commit_all, copy_fixture, handbook

HOSTILE = "@everyone [x](https://evil) <img src=x> ![i](x)"
WEEKLY = """title: Tuesday circle
group: newtown-crew
start: 2026-12-01 18:30
duration: 90m
repeat:
  every: week
  on: tuesday
  until: 2027-02-23
location:
  name: Newtown Library
  address: 13 Constable Street, Newtown
online: https://meet.example.org/tuesday
"""


def preview(project, base="HEAD"):
    return handbook("preview", str(project), "--base", base, env={"SOURCE_DATE_EPOCH": FIXED_EPOCH})


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory):
    project = copy_fixture("site_calendar", tmp_path_factory.mktemp("review"))
    commit_all(project)
    events = project / "content" / "events"
    (events / "harbour" / "tuesday-circle.yml").write_text(WEEKLY)
    walk = events / "london" / "london-walk.yml"
    walk.write_text(walk.read_text().replace("10:00", "11:00").replace("12:00", "13:00"))
    (events / "london" / "london-supper.yml").unlink()
    (events / "harbour" / "hostile.yml").write_text(
        f"title: {HOSTILE!r}\ngroup: newtown-crew\nstart: 2026-12-03 19:00\nend: 2026-12-03 21:00\n"
        "location: {name: '@octocat <b>hall</b>', address: 'www.evil.example'}\n")
    (events / "harbour" / "broken.yml").write_text("title: Broken\ngroup: nobody\nstart: 2026-12-03 19:00\n")
    done = preview(project)
    assert done.returncode == 0, done.stderr
    return project, done.stdout


def sections(text):
    return {part.split("\n", 1)[0]: part for part in re.split(r"^### ", text, flags=re.MULTILINE)[1:]}


def test_a_new_weekly_gathering_reads_as_its_event_page_says_it(pull_request):
    project, text = pull_request
    part = sections(text)["Added gathering: Tuesday circle"]
    # The page the site builds from the same file says the same words (built without the broken file).
    broken = project / "content" / "events" / "harbour" / "broken.yml"
    kept = broken.read_text()
    broken.unlink()
    try:
        site = build(project)
    finally:
        broken.write_text(kept)
    assert site.returncode == 0, site.output
    page = site.html("events/tuesday-circle/")
    rule = page.select_one(".hb-facts__rule").get_text(strip=True)
    assert rule == "Every week on Tuesday, until Tuesday 23 February 2027"
    assert f"- **Repeats:** {rule}\n" in part
    next_date = page.select_one(".hb-when").get_text(strip=True)
    assert f"- **Next dates:** {next_date};" in part
    assert "Tuesday 8 December 2026, 18:30–20:00 NZDT (Auckland time)" in part
    assert "- **Time zone:** Pacific/Auckland" in part
    assert "- **Where:** Newtown Library, 13 Constable Street, Newtown" in part
    assert "- **Online:** ` https://meet.example.org/tuesday `" in part  # a code span: text, not a link
    # Who may come, as the event page says it: "Members only" there exactly when here.
    assert ("Members only" in page.get_text()) == ("members only (" in part)
    assert "anyone (" in part or "members only (" in part


def test_a_changed_time_shows_old_and_new_and_a_removal_is_listed(pull_request):
    _, text = pull_request
    changed = sections(text)["Changed gathering: Autumn walk on the Rye"]
    assert ("- **When:** Saturday 10 October 2026, 10:00–12:00 BST (London time) → "
            "Saturday 10 October 2026, 11:00–13:00 BST (London time)") in changed
    assert "Where:** Peckham Rye Park" in changed.split("Now:")[1]
    assert "Where" not in changed.split("Now:")[0]  # the place did not change
    removed = sections(text)["Removed gathering: Winter supper"]
    assert "content/events/london/london-supper.yml" in removed


def test_a_file_with_problems_is_not_previewed(pull_request):
    _, text = pull_request
    part = sections(text)["Added gathering: ` content/events/harbour/broken.yml `"]
    assert "Does not pass `handbook check`" in part
    assert "Broken" not in part


def test_nothing_from_content_becomes_markup_a_mention_or_a_link(pull_request):
    _, text = pull_request
    html = markdown.markdown(text)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["a", "img", "b", "script"])
    assert {tag.name for tag in soup.find_all(True)} <= {"h2", "h3", "p", "ul", "li", "strong", "code", "em"}
    visible = soup.get_text()
    assert "@everyone [x](https://evil) <img src=x> ![i](x)".replace("@", "@\u2060").replace(
        "https:", "https:\u2060") in visible  # the title reads as written
    # What the code host would turn into a mention or a link, outside code spans.
    for code in soup.find_all("code"):
        code.decompose()
    prose = soup.get_text()
    assert not re.search(r"@\w", prose)
    assert not re.search(r"https?://|www\.", prose)


def test_no_change_no_entries_and_a_bad_base_is_a_usage_error(tmp_path):
    project = copy_fixture("site_calendar", tmp_path)
    commit_all(project)
    done = preview(project)
    assert done.returncode == 0
    assert "No gathering or group file is added, changed or removed." in done.stdout
    bad = preview(project, base="no-such-ref")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("handbook: --base no-such-ref: git diff:")


def test_the_comment_is_bounded(tmp_path):
    project = copy_fixture("site_calendar", tmp_path)
    commit_all(project)
    for number in range(80):
        (project / "content" / "events" / "harbour" / f"many-{number}.yml").write_text(
            WEEKLY.replace("Tuesday circle", f"Circle {number} " + "long words " * 40))
    text = preview(project).stdout
    assert len(text) <= 65_536
    assert text.count("### Added gathering") <= 30
    assert re.search(r"and \d+ more file\(s\)", text)
