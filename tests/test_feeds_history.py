"""SEQUENCE, DTSTAMP and LAST-MODIFIED from git history, in throwaway repositories.

SEQUENCE must grow when an event's time, place or status changes, stay when only its words do,
and never go down between two deploys, even when history is rewritten.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest
from sitebuild import build, copy_fixture

from generator.core.urls import Urls
from generator.feeds.history import Revision, fingerprint, read_history, sequence_at

ALL_FEED = Urls.all_feed()

UTC = timezone.utc
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
EVENT = "content/events/a/walk.yml"

VERSION_1 = """\
title: Walk
group: river-crew
start: 2026-12-05 10:00
duration: 2h
location:
  name: The park gate
description: Bring boots.
"""


def git(repo: Path, *args: str, when: datetime | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def commit(repo: Path, when: datetime, message: str = "edit") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


def write(repo: Path, path: str, text: str) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, EVENT, VERSION_1)
    commit(tmp_path, T0, "add the walk")
    return tmp_path


def revision(repo: Path, path: str = EVENT, now: datetime = NOW):
    history = read_history(repo, [path], now, "content/events")
    return history.revision(path, now), history


def test_a_new_event_takes_its_first_commit(repo):
    found, history = revision(repo)
    assert history.complete and found.from_history
    assert found.modified == found.significant == T0
    assert found.sequence == sequence_at(T0) > 0


@pytest.mark.parametrize("old, new", [
    ("start: 2026-12-05 10:00", "start: 2026-12-05 11:00"),  # time
    ("duration: 2h", "duration: 3h"),
    ("  name: The park gate", "  name: The station"),  # place
    ("duration: 2h\n", "duration: 2h\nstatus: cancelled\n"),  # status
    ("duration: 2h\n", "duration: 2h\nonline: https://meet.example.org/x\n"),
    ("duration: 2h\n", "duration: 2h\nrepeat:\n  every: week\n"),
])
def test_a_change_of_time_place_or_status_raises_sequence(repo, old, new):
    before, _ = revision(repo)
    write(repo, EVENT, VERSION_1.replace(old, new))
    commit(repo, T0 + timedelta(days=3))
    after, _ = revision(repo)
    assert after.sequence > before.sequence
    assert after.significant == after.modified == T0 + timedelta(days=3)


@pytest.mark.parametrize("old, new", [
    ("description: Bring boots.", "description: Bring boots and a flask."),
    ("title: Walk", "title: Winter walk"),
    ("duration: 2h\n", "duration: 2h\ntags: [outdoors]\n"),
    ("location:\n  name: The park gate", "location: {name: The park gate}"),  # same meaning
])
def test_a_change_of_words_keeps_sequence_and_moves_last_modified(repo, old, new):
    before, _ = revision(repo)
    write(repo, EVENT, VERSION_1.replace(old, new))
    commit(repo, T0 + timedelta(days=3))
    after, _ = revision(repo)
    assert after.sequence == before.sequence
    assert after.modified == T0 + timedelta(days=3) and after.significant == T0


def test_a_changed_occurrences_description_is_not_significant_but_its_time_is():
    series = VERSION_1 + "repeat:\n  every: week\n  changes:\n    - date: 2026-12-12\n      description: Shorter.\n"
    assert fingerprint(series.encode()) == fingerprint(series.replace("Shorter.", "Much shorter.").encode())
    moved = series.replace("      description: Shorter.\n", "      start: 2026-12-12 12:00\n")
    assert fingerprint(series.encode()) != fingerprint(moved.encode())


@pytest.mark.parametrize("before, after, same", [
    (VERSION_1, VERSION_1.replace("Bring boots.", "Bring boots and a flask."), True),
    (VERSION_1, VERSION_1.replace("10:00", "11:00"), False),
    (VERSION_1, "# a comment\n" + VERSION_1.replace("duration: 2h", "duration:   2h"), True),
    # An alias can carry a time from another key: the quick comparison must not be fooled.
    ("when: &t 2026-12-05 10:00\nstart: *t\n", "when: &t 2026-12-05 11:00\nstart: *t\n", False),
    ("{title: Walk, start: 2026-12-05 10:00}", "{title: Walk, start: 2026-12-05 11:00}", False),
])
def test_versions_compared_by_their_significant_keys(before, after, same):
    from generator.feeds.history import _same_significant
    assert _same_significant(before.encode(), after.encode()) is same


def test_a_file_that_does_not_parse_counts_as_changed():
    assert fingerprint(b"title: [unclosed") != fingerprint(b"title: [unclosed ")


def test_a_moved_file_keeps_its_history(repo):
    before, _ = revision(repo)
    (repo / "content/events/b").mkdir(parents=True)
    git(repo, "mv", EVENT, "content/events/b/walk.yml")
    commit(repo, T0 + timedelta(days=5), "move")
    after, _ = revision(repo, "content/events/b/walk.yml")
    assert after.sequence == before.sequence and after.from_history


def test_sequence_stays_the_same_through_a_later_change_back_and_forth(repo):
    write(repo, EVENT, VERSION_1.replace("10:00", "11:00"))
    commit(repo, T0 + timedelta(days=1))
    write(repo, EVENT, VERSION_1)  # moved back: a change of time again, so SEQUENCE grows again
    commit(repo, T0 + timedelta(days=2))
    found, _ = revision(repo)
    assert found.significant == T0 + timedelta(days=2)


@pytest.mark.parametrize("gap", [timedelta(seconds=20), timedelta(0)])
def test_two_changes_in_one_minute_give_two_sequences(repo, gap):
    # An app that already has the first change ignores a second with the same SEQUENCE.
    edit_1 = T0 + timedelta(days=1, seconds=5)
    write(repo, EVENT, VERSION_1.replace("10:00", "11:00"))
    commit(repo, edit_1)
    first, _ = revision(repo)
    write(repo, EVENT, VERSION_1.replace("10:00", "11:30"))
    commit(repo, edit_1 + gap)  # the same minute, or (after a rebase) the very same second
    second, _ = revision(repo)
    assert sequence_at(edit_1) == sequence_at(edit_1 + gap)
    assert first.sequence == sequence_at(edit_1)  # the plain minute, as before
    assert second.sequence == first.sequence + 1
    write(repo, EVENT, VERSION_1.replace("10:00", "12:00"))
    commit(repo, edit_1 + gap)  # a third, still in that minute
    third, _ = revision(repo)
    assert third.sequence == second.sequence + 1
    # Words alone change nothing, and the same history always gives the same number.
    write(repo, EVENT, VERSION_1.replace("10:00", "12:00").replace("boots", "wellies"))
    commit(repo, edit_1 + gap)
    assert revision(repo)[0].sequence == revision(repo)[0].sequence == third.sequence
    # A later change in its own minute takes that minute again.
    write(repo, EVENT, VERSION_1.replace("10:00", "13:00"))
    commit(repo, T0 + timedelta(days=3))
    assert revision(repo)[0].sequence == sequence_at(T0 + timedelta(days=3))


def test_an_uncommitted_edit_counts_from_the_build_time(repo):
    write(repo, EVENT, VERSION_1.replace("10:00", "09:00"))
    found, _ = revision(repo)
    assert found.significant == found.modified == NOW


def test_an_untracked_file_uses_the_build_time(repo):
    write(repo, "content/events/a/new.yml", VERSION_1)
    found, history = revision(repo, "content/events/a/new.yml")
    assert history.complete and not found.from_history
    assert found.significant == found.modified == NOW


def test_without_git_the_build_time_stands_in(tmp_path):
    write(tmp_path, EVENT, VERSION_1)
    found, history = revision(tmp_path)
    assert not history.complete and "not a git repository" in history.reason
    assert found.significant == NOW and not found.from_history


def test_a_shallow_clone_is_reported(repo, tmp_path):
    write(repo, EVENT, VERSION_1.replace("10:00", "11:00"))
    commit(repo, T0 + timedelta(days=1))
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    found, history = revision(clone)
    assert not history.complete and "shallow" in history.reason
    # What it can see it still reads: never lower than what the full history gives.
    full, _ = revision(repo)
    assert found.sequence >= full.sequence


def test_squashing_history_never_lowers_sequence(repo, tmp_path):
    write(repo, EVENT, VERSION_1.replace("10:00", "11:00"))
    commit(repo, T0 + timedelta(days=1))
    write(repo, EVENT, VERSION_1.replace("10:00", "11:00").replace("boots", "wellies"))
    commit(repo, T0 + timedelta(days=2))
    before, _ = revision(repo)
    # Rewriting (squash, rebase) gives new commits with later commit times.
    git(repo, "reset", "-q", "--soft", git(repo, "rev-list", "--max-parents=0", "HEAD").strip())
    git(repo, "commit", "-q", "--amend", "-m", "squashed", when=T0 + timedelta(days=9))
    after, _ = revision(repo)
    assert after.sequence >= before.sequence


def test_a_merged_branch_counts_from_the_merge(repo):
    git(repo, "checkout", "-q", "-b", "move-it")
    write(repo, EVENT, VERSION_1.replace("10:00", "12:00"))
    commit(repo, T0 + timedelta(days=1), "move it")
    git(repo, "checkout", "-q", "main")
    write(repo, "content/events/a/other.yml", VERSION_1)
    commit(repo, T0 + timedelta(days=2), "another event")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "move-it", when=T0 + timedelta(days=4))
    found, _ = revision(repo)
    # The main branch had the new time from the merge on: that is when subscribers got it.
    assert found.significant == T0 + timedelta(days=4)


def test_one_git_log_for_many_files(repo):
    for number in range(200):
        write(repo, f"content/events/many/e{number}.yml", VERSION_1.replace("Walk", f"Walk {number}"))
    commit(repo, T0 + timedelta(days=1))
    paths = [f"content/events/many/e{number}.yml" for number in range(200)] + [EVENT]
    history = read_history(repo, paths, NOW)
    assert len(history.revisions) == 201
    assert history.revisions[EVENT].significant == T0
    assert history.revisions["content/events/many/e7.yml"].significant == T0 + timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# Through a whole site build


def _vevent(site_build, slug: str):
    data = (site_build.site / f"events/{slug}.ics").read_bytes()
    return next(e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if "RECURRENCE-ID" not in e)


def test_a_site_in_git_bumps_sequence_for_a_new_time_but_not_for_new_words(tmp_path):
    project = copy_fixture("site_feeds", tmp_path)
    git(project, "init", "-q", "-b", "main")
    commit(project, T0, "the site")
    event = project / "content/events/river/river-spring-walk.yml"
    seen = []  # (the edited event, an untouched one) after each build

    def build_and_read():
        result = build(project)
        assert result.returncode == 0, result.output
        seen.append((_vevent(result, "river-spring-walk"), _vevent(result, "river-picnic")))

    build_and_read()
    event.write_text(event.read_text() + "description: Meet at the lock.\n")
    commit(project, T0 + timedelta(days=1), "words only")
    build_and_read()
    event.write_text(event.read_text().replace("10:00", "10:30"))
    commit(project, T0 + timedelta(days=2), "new time")
    build_and_read()

    (a, _), (b, _), (c, _) = seen
    assert int(a["SEQUENCE"]) == int(b["SEQUENCE"]) < int(c["SEQUENCE"])
    assert a["DTSTAMP"].dt == a["LAST-MODIFIED"].dt == T0
    assert b["LAST-MODIFIED"].dt == b["DTSTAMP"].dt == T0 + timedelta(days=1)
    assert c["LAST-MODIFIED"].dt == T0 + timedelta(days=2)
    assert c["DTSTART"].dt.hour == 10 and c["DTSTART"].dt.minute == 30
    # An event nobody touched keeps every line.
    untouched = [other.to_ical() for _, other in seen]
    assert untouched[0] == untouched[1] == untouched[2]


def test_a_deploy_can_require_the_whole_history(tmp_path):
    project = copy_fixture("site_feeds", tmp_path)  # not a git repository
    result = build(project, env={"HANDBOOK_REQUIRE_HISTORY": "1"})
    assert result.returncode != 0
    assert "git history is incomplete (not a git repository" in result.output
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------------------------
# A floor from the feed that is live now


def _sequences(data: bytes) -> dict[str, int]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]).split("@")[0]: int(e["SEQUENCE"]) for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e}


def test_sequence_never_goes_below_the_published_feed(tmp_path):
    """A deploy built without history (SEQUENCE from the build time) and then one with it."""
    from generator.content.load import load_content
    from generator.feeds import build as feeds
    from generator.feeds import published
    from generator.feeds.history import History
    from generator.feeds.vevents import Site

    project = copy_fixture("site_feeds", tmp_path)
    content = load_content(project / "content", project)
    site = Site("https://fixture.example/", "Feeds fixture")
    later = NOW + timedelta(days=30)
    degraded = feeds.build(content, site, later, History(complete=False))  # build time stands in
    live = degraded.files[ALL_FEED]
    early = History(revisions={e.path: Revision(T0, T0) for e in content.events.values()})

    without_floor = feeds.build(content, site, NOW, early)
    with_floor = feeds.build(content, site, NOW, early, published=published.read(live))
    assert _sequences(without_floor.files[ALL_FEED])["river-tuesdays"] < _sequences(live)["river-tuesdays"]
    assert _sequences(with_floor.files[ALL_FEED]) == _sequences(live)
    # Every file of the build agrees, the event's own file too.
    assert _sequences(with_floor.files["events/river-tuesdays.ics"]) == {"river-tuesdays": _sequences(live)["river-tuesdays"]}

    # A change of time against the live feed goes one above it; a change of words does not.
    tuesdays = content.events["river-tuesdays"]
    content.events["river-tuesdays"] = dataclasses.replace(tuesdays, start=tuesdays.start + timedelta(minutes=30),
                                                           end=tuesdays.end + timedelta(minutes=30))
    content.events["river-picnic"] = dataclasses.replace(content.events["river-picnic"], description="New words.")
    moved = _sequences(feeds.build(content, site, NOW, early, published=published.read(live)).files[ALL_FEED])
    assert moved["river-tuesdays"] == _sequences(live)["river-tuesdays"] + 1
    assert moved["river-picnic"] == _sequences(live)["river-picnic"]


def test_a_floor_from_the_same_build_changes_nothing(tmp_path):
    from generator.content.load import load_content
    from generator.feeds import build as feeds
    from generator.feeds import published
    from generator.feeds.history import History
    from generator.feeds.vevents import Site

    project = copy_fixture("site_feeds", tmp_path)
    content = load_content(project / "content", project)
    site = Site("https://fixture.example/", "Feeds fixture")
    first = feeds.build(content, site, NOW, History())
    again = feeds.build(content, site, NOW, History(), published=published.read(first.files[ALL_FEED]))
    assert again.files == first.files
    assert published.read(b"\xff not a calendar") == {}


def test_the_plugin_reads_the_previous_feed(tmp_path):
    project = copy_fixture("site_feeds", tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - handbook-feeds\n",
                                                 "  - handbook-feeds:\n      previous_feed: live/all.ics\n"))
    first = build(project)
    assert first.returncode == 0, first.output
    live = (first.site / "feeds/all.ics").read_bytes()
    old = _sequences(live)["river-picnic"]
    # As if an earlier deploy had published a higher SEQUENCE (every event has the same one here).
    bumped = live.replace(f"SEQUENCE:{old}\r\n".encode(), f"SEQUENCE:{old + 500}\r\n".encode())
    (project / "live").mkdir()
    (project / "live/all.ics").write_bytes(bumped)
    second = build(project)
    assert second.returncode == 0, second.output
    assert set(_sequences((second.site / "feeds/all.ics").read_bytes()).values()) == {old + 500}
