"""The proposal form (/contribute/propose/, issue 16) in Chromium, on a phone and a desktop.

The YAML the form writes is taken out of the page, dropped into a copy of content/ and judged by
`handbook check` and a real build, whose pages must say what the preview said. Problems must show
at their fields; the hand-over must open the code host at the right path with the right text; and
no request may leave the browser before the hand-over.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sitebuild import Build, build_ok, copy_project, handbook
from test_accessibility import SERIOUS, axe_violations, describe

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import LAYOUT_SHIFTS  # noqa: E402

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
REPO = "https://github.com/microsolidarity/handbook-site"
READY = "[data-hb-propose][data-hb-ready]"  # the form's script has loaded its data


# ---------------------------------------------------------------------------------------------
# Filling the form


def open_form(new_page, device=DESKTOP, query="", **options):
    page = new_page(timezone_id="Europe/London", **device, **options)
    page.goto("/contribute/propose/" + query)
    page.wait_for_selector(READY)
    return page


def follow_to_form(new_page, device, path: str, link_text: str):
    """A reader on the page at `path` follows the link `link_text` to the form."""
    page = new_page(**device)
    page.goto(path)
    page.click(f"text={link_text}")
    page.wait_for_selector(READY)
    return page


def set_value(page, selector, text):
    """Type into a field as a person does: the input, then the change when they leave it."""
    page.fill(selector, text)
    page.locator(selector).dispatch_event("change")


def fill_event(page, *, title, group, date, start=None, end=None, all_day=False, last_day=None,  # noqa: C901 (one branch per optional field of the form)
               repeat=None, until=None, count=None, excepts=(), place=None, address=None, online=None,
               zone=None, who=None, patterns=(), tags=None, organizer=None, email=None, description=None,
               status=None):
    set_value(page, "#p-title", title)
    page.select_option("#p-group", group)
    if all_day:
        page.check("#p-allday")
    set_value(page, "#p-date", date)
    if start:
        set_value(page, "#p-start-time", start)
    if end:
        set_value(page, "#p-end-time", end)
    if last_day:
        set_value(page, "#p-end-date", last_day)
    if zone:
        set_value(page, "#p-timezone", zone)
    if repeat:
        page.select_option("#p-repeat", repeat)
    if until:
        page.check("input[name='p-ends'][value='until']")
        set_value(page, "#p-until", until)
    if count:
        page.check("input[name='p-ends'][value='count']")
        set_value(page, "#p-count", str(count))
    for day in excepts:
        set_value(page, "#p-except", day)
        page.click("[data-hb-add-except]")
    for selector, text in (("#p-place", place), ("#p-address", address), ("#p-online", online),
                           ("#p-tags", tags), ("#p-org-name", organizer), ("#p-org-email", email),
                           ("#p-description", description)):
        if text:
            set_value(page, selector, text)
    if who:
        page.check(f"input[name='p-who'][value='{who}']")
    for slug in patterns:
        page.check(f"input[name='p-pattern'][value='{slug}']")
    if status:
        page.select_option("#p-status", status)


def fill_group(page, *, name, kind, summary, zone, where=None, part_of=None, open_=True, contact=None, calendar=None):
    page.check("input[name='what'][value='group']")
    set_value(page, "#g-name", name)
    page.check(f"input[name='g-kind'][value='{kind}']")
    if part_of:
        page.select_option("#g-part-of", part_of)
    set_value(page, "#g-summary", summary)
    set_value(page, "#g-timezone", zone)
    if where:
        set_value(page, "#g-where", where)
    page.check(f"input[name='g-open'][value='{'true' if open_ else 'false'}']")
    if contact:
        set_value(page, "#g-contact", contact)
    if calendar:
        set_value(page, "#g-calendar", calendar)


def the_file(page) -> tuple[str, str]:
    """(path, text) of the file the form wrote; it must be ready to send."""
    problems = page.locator("[data-hb-problem-list] li").all_text_contents()
    assert page.locator("[data-hb-ways]").is_visible(), f"the form still has problems: {problems}"
    return page.locator("[data-hb-path]").text_content(), page.locator("[data-hb-yaml]").text_content()


def preview_of(page) -> dict[str, str]:
    box = page.locator("[data-hb-preview]")
    facts = {}
    for name in ("when", "where", "online"):
        fact = box.locator(f"[data-hb-preview-fact='{name}']")
        if fact.count():
            facts[name] = fact.inner_text()
    rule = box.locator("[data-hb-preview-rule]")
    return {"title": box.locator("[data-hb-preview-title]").inner_text(),
            "rule": rule.inner_text() if rule.count() else None, **facts}


def field_problem(page, field_id: str) -> str:
    error = page.locator(f"#{field_id}-error")
    try:  # the schema's checks arrive with Ajv, fetched when the reader starts on the form
        error.wait_for(state="visible", timeout=5_000)
    except PlaywrightTimeout:
        pytest.fail(f"no problem shown at #{field_id}")
    assert page.locator(f"#{field_id}").get_attribute("aria-invalid") in ("true", None)
    return error.text_content()


# ---------------------------------------------------------------------------------------------
# Judging the files: `handbook check` and a build of a copy of the project (sitebuild)


def without_zone_abbreviation(text: str) -> str:
    """The site names the zone's abbreviation (NZDT) from tzdata, the preview its name only."""
    text = re.sub(r" (?:[A-Z]{3,5}|UTC[+-]\d+(?::\d\d)?)(?=[ )]|$)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def page_facts(site: Build, slug: str) -> dict[str, str]:
    event = site.html(f"events/{slug}/").select_one(".hb-event")
    for link in event.select(".hb-map-link"):  # the page's own addition
        link.decompose()
    facts = {dt.get_text(strip=True).lower(): dt.find_next_sibling("dd") for dt in event.select(".hb-facts dt")}
    rule = event.select_one(".hb-facts__rule")
    return {"title": event.h1.get_text(strip=True), "rule": rule.get_text(strip=True) if rule else None,
            "when": without_zone_abbreviation(event.select_one(".hb-when").get_text(" ", strip=True)),
            "where": facts["where"].get_text(" ", strip=True) if "where" in facts else None,
            "online": facts["online"].get_text(strip=True) if "online" in facts else None,
            "members_only": event.select_one(".hb-event__who .hb-badge--members") is not None}


# ---------------------------------------------------------------------------------------------
# The shapes of gathering an organiser proposes

SHAPES = {
    "one-off on a phone": (PHONE, dict(
        title="Seed swap: bring what you saved", group="newtown-crew", date="2026-12-10", start="18:30",
        place="Newtown Library", address="13 Constable Street, Newtown", who="true",
        patterns=("offers-and-asks",), tags="Food, Gardening & Seeds", organizer="Mere", email="mere@example.org",
        description="Bring seeds in paper envelopes, labelled.\n\nTake home what you will sow: #1 rule, *share*.")),
    "weekly series with an exception": (DESKTOP, dict(
        title="Tuesday skill share", group="hackney-crew", date="2027-01-05", start="19:00", end="21:00",
        repeat="week", until="2027-03-30", excepts=("2027-02-16",), place="Hackney Library",
        description="Each week one of us teaches something small.")),
    "monthly on the first Thursday": (PHONE, dict(
        title="First Thursday supper", group="london-congregation", date="2027-01-07", start="18:00", end="22:00",
        repeat="month-nth", count=6, address="12 Mare Street, London", who="false",
        patterns=("dinner-table",))),
    "online, in another zone": (DESKTOP, dict(
        title="Hosts' call across the oceans", group="online-circle", date="2027-02-03", start="20:00", end="21:30",
        zone="Europe/Berlin", online="https://meet.example.org/hosts-call", status="tentative")),
    "all-day weekend": (PHONE, dict(
        title="Autumn retreat", group="wellington-congregation", date="2027-04-10", all_day=True,
        last_day="2027-04-11", place="Kaitoke Lodge")),
}


def test_every_shape_passes_check_and_builds_to_its_preview(new_page, tmp_path):
    files, previews = {}, {}
    for name, (device, fields) in SHAPES.items():
        page = open_form(new_page, device)
        fill_event(page, **fields)
        path, text = the_file(page)
        assert path not in files, f"{name}: two shapes wrote {path}"
        files[path], previews[path] = text, preview_of(page)
        assert text.startswith("# yaml-language-server: $schema=https://handbook.microsolidarity.example/schemas/event.schema.json\n")
        assert path.startswith(f"content/events/{fields['group']}/"), path
        # Who may come is the event's own field, written only when the organiser chose it.
        who = {"true": "\nopen_to_newcomers: true\n", "false": "\nopen_to_newcomers: false\n"}.get(fields.get("who"))
        assert (who in text) if who else ("open_to_newcomers" not in text), (name, text)
        assert "newcomers-welcome" not in text and "members-only" not in text, (name, text)
    group_page = open_form(new_page, PHONE)
    fill_group(group_page, name="Café Crème Crew", kind="crew", part_of="wellington-congregation",
               summary="Five friends who meet over coffee on Saturdays.", zone="Pacific/Auckland",
               where="Newtown, Wellington", contact="cafe@example.org")
    group_path, group_text = the_file(group_page)
    assert group_path == "content/groups/cafe-creme-crew.yml"
    assert "contact: mailto:cafe@example.org\n" in group_text and "part_of: wellington-congregation\n" in group_text
    files[group_path] = group_text

    root = copy_project(tmp_path, theme=True, files=files)
    checked = handbook("check", str(root), cwd=root)
    assert checked.returncode == 0, f"handbook check refused the form's files:\n{checked.stdout}{checked.stderr}\n" + \
        "\n".join(f"--- {p}\n{t}" for p, t in files.items())
    assert checked.stdout == ""

    site = build_ok(root)
    groups = site.content().groups
    for path, shown in previews.items():
        slug = Path(path).stem
        built = page_facts(site, slug)
        assert built["title"] == shown["title"], path
        assert built["rule"] == shown["rule"], path
        # A series' page leads with its next date, which is its first here (the build's "now" is
        # 2026-11-26); the preview says "First:".
        assert built["when"] in without_zone_abbreviation(shown["when"]), (path, built["when"], shown["when"])
        # The Newtown crew is closed, but its seed swap is open to anyone: the event's word wins.
        wrote = re.search(r"\nopen_to_newcomers: (true|false)\n", files[path])
        group_open = groups[Path(path).parent.name].open_to_newcomers
        assert built["members_only"] == (wrote.group(1) == "false" if wrote else not group_open), path
        for fact in ("where", "online"):
            assert (built[fact] or None) == (re.sub(r"\s+", " ", shown[fact]).strip() if fact in shown else None), (path, fact)
    assert site.page("groups/cafe-creme-crew/").is_file()


def test_the_yaml_reads_as_an_editor_writes_it(new_page):
    page = open_form(new_page)
    fill_event(page, **SHAPES["weekly series with an exception"][1])
    _, text = the_file(page)
    assert "\ntitle: Tuesday skill share\ngroup: hackney-crew\n" in text
    assert re.search(r"\nstart: 2027-01-05 19:00 +# local time in Europe/London\nend: 2027-01-05 21:00\n", text), text
    assert "\nrepeat:\n  every: week" in text and "\n  on: [tuesday]\n" in text
    assert re.search(r"\n  until: 2027-03-30 +# the last date, included\n", text)
    assert re.search(r"\n  except: \[2027-02-16\] +# dates it does not happen\n", text)
    assert "\ntimezone:" not in text  # the group's zone: not repeated
    assert "\ndescription: Each week one of us teaches something small.\n" in text


def test_problems_show_at_their_fields(new_page, axe_path):
    page = open_form(new_page, PHONE)
    fill_event(page, title="Evening", group="newtown-crew", date="2026-12-10", start="19:00", end="18:00",
               repeat="week", until="2026-12-01", online="ftp://example.org/room")
    assert "`end` 2026-12-10 18:00 is not after `start` 2026-12-10 19:00".replace("`", "") in \
        field_problem(page, "p-end-time").replace("“", "").replace("”", "")
    assert "is before" in field_problem(page, "p-until")
    # From the published schema, through Ajv: the same words as `handbook check`.
    assert "“ftp://example.org/room” is not a web address" in field_problem(page, "p-online")
    assert page.locator("[data-hb-ways]").is_hidden()
    assert page.locator("[data-hb-problem-list] li").count() >= 3

    set_value(page, "#p-end-time", "21:00")
    set_value(page, "#p-until", "2027-03-25")
    set_value(page, "#p-online", "https://meet.example.org/room")
    set_value(page, "#p-except", "2026-12-25")
    page.click("[data-hb-add-except]")
    assert field_problem(page, "p-except") == (
        "“repeat.except” 2026-12-25 is not a date of the series; the nearest occurrence is on Thursday 2026-12-24")
    page.click("[data-hb-remove-except]")
    set_value(page, "#p-slug", "newtown-thursday-crew")
    assert "also used by another gathering" in field_problem(page, "p-slug")
    set_value(page, "#p-slug", "index")
    assert "the site uses that address" in field_problem(page, "p-slug")
    set_value(page, "#p-slug", "evening-in-newtown")
    set_value(page, "#p-timezone", "Europe/Londn")
    assert "“Europe/Londn” is not a time zone" in field_problem(page, "p-timezone")
    set_value(page, "#p-timezone", "Europe/London")
    set_value(page, "#p-date", "2027-03-28")
    set_value(page, "#p-start-time", "01:30")
    set_value(page, "#p-end-time", "03:00")
    assert "does not exist in Europe/London" in field_problem(page, "p-start-time")
    # Problems shown at fields are still accessible to a screen reader.
    serious = [v for v in axe_violations(page, axe_path) if v["impact"] in SERIOUS]
    assert not serious, describe(serious)
    set_value(page, "#p-start-time", "19:00")
    set_value(page, "#p-end-time", "21:00")
    set_value(page, "#p-until", "2027-06-24")
    assert page.locator("[data-hb-ways]").is_visible()
    assert page.locator(".hb-error:visible").count() == 0


def test_a_field_left_empty_is_named_in_the_list_and_leads_to_its_field(new_page):
    page = open_form(new_page)
    set_value(page, "#p-title", "Picnic")
    problems = page.locator("[data-hb-problem-list] li")
    assert "“group” is missing" in problems.all_text_contents()
    page.locator("[data-hb-problem-list] a", has_text="“group” is missing").click()
    assert page.evaluate("document.activeElement.id") == "p-group"
    assert field_problem(page, "p-group") == "“group” is missing"


def test_the_hand_over_opens_the_code_host_with_the_file(new_page):
    page = open_form(new_page, PHONE, permissions=["clipboard-read", "clipboard-write"])
    fill_event(page, **SHAPES["one-off on a phone"][1])
    path, text = the_file(page)
    link = urlsplit(page.locator("[data-hb-host]").get_attribute("href"))
    assert f"{link.scheme}://{link.netloc}" == "https://github.com"
    folder, name = path.rsplit("/", 1)
    assert link.path == f"/microsolidarity/handbook-site/new/main/{folder}"
    query = parse_qs(link.query)
    assert query["filename"] == [name] and query["value"] == [text]
    assert name == "seed-swap-bring-what-you-saved.yml"

    mail = urlsplit(page.locator("[data-hb-mail]").get_attribute("href"))
    assert mail.scheme == "mailto" and unquote(mail.path) == "organisers@handbook.microsolidarity.example"
    assert text in parse_qs(mail.query)["body"][0]

    page.click("[data-hb-copy]")
    page.wait_for_function("document.querySelector('[data-hb-copied]').textContent.startsWith('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == text
    with page.expect_download() as download:
        page.click("[data-hb-download]")
    assert download.value.suggested_filename == name
    assert Path(download.value.path()).read_text(encoding="utf-8") == text


def test_a_file_too_long_for_a_link_is_copied_instead(new_page):
    page = open_form(new_page)
    # Within the format's 5,000 characters, but each accent is 6 characters in an address.
    long_text = "\n\n".join("Café, crème brûlée, thé à volonté; déjà-vu à côté. " * 8 for _ in range(10))
    fill_event(page, title="Long story", group="peckham-crew", date="2027-01-09", start="10:00", description=long_text)
    path, text = the_file(page)
    assert len(text) < 8000
    notice = page.locator("[data-hb-too-long]")
    assert notice.is_visible() and "too long" in notice.text_content()
    link = urlsplit(page.locator("[data-hb-host]").get_attribute("href"))
    assert "value" not in parse_qs(link.query) and parse_qs(link.query)["filename"] == [path.rsplit("/", 1)[1]]
    # The e-mail asks for the file as an attachment rather than a link mail programs would cut.
    assert "attach" in page.locator("[data-hb-mail]").text_content()


def test_the_file_on_a_phone_scrolls_within_reach_of_a_keyboard(new_page):
    # Its long lines scroll sideways in their frame; on a touch screen that frame is still a tab
    # stop with a name (theme/assets/javascripts/code-blocks.js), as the examples of the guides are.
    page = open_form(new_page, PHONE)
    fill_event(page, title="A gathering with a title long enough to run past the edge of a phone",
               group="peckham-crew", date="2027-01-09", start="10:00")
    the_file(page)
    # As a keyboard user: open "The file" with Enter; the next Tab is into the file.
    page.focus("[data-hb-file-box] summary")
    page.keyboard.press("Enter")
    region = page.get_by_role("region", name="The file, in YAML")
    region.wait_for()
    assert region.evaluate("code => code.scrollWidth > code.clientWidth")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "The file, in YAML"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=5_000)


def test_zone_fields_suggest_zones_and_a_new_group_starts_in_the_readers_zone(new_page):
    # The suggestions and the reader's zone are fetched when needed, not while the page loads
    # (a phone pays for both at start-up): they must still be there when the reader gets there.
    page = new_page(timezone_id="Pacific/Auckland", **PHONE)
    page.goto("/contribute/propose/")
    page.wait_for_selector(READY)
    page.focus("#p-timezone")
    page.keyboard.type("Pacific/Auck")
    suggested = page.eval_on_selector("#p-timezone", "input => Array.from(input.list.options, o => o.value)")
    assert "Pacific/Auckland" in suggested and "Europe/London" in suggested and len(suggested) > 300
    page.check("input[name='what'][value='group']")
    assert page.input_value("#g-timezone") == "Pacific/Auckland"
    assert page.eval_on_selector("#g-timezone", "input => input.list.id") == "hb-zones"


def test_nothing_leaves_the_browser_before_the_hand_over(new_page, base_url):
    requests = []
    page = new_page(**PHONE)
    page.context.on("request", lambda request: requests.append(request))
    page.context.route("https://github.com/**", lambda route: route.fulfill(status=200, body="<p>GitHub</p>",
                                                                            content_type="text/html"))
    page.goto("/contribute/propose/")
    page.wait_for_selector(READY)
    page.wait_for_load_state("networkidle")
    assert all(r.url.startswith(base_url + "/") for r in requests), [r.url for r in requests if not r.url.startswith(base_url)]
    assert all(r.method == "GET" for r in requests)
    loaded = len(requests)

    fill_event(page, **SHAPES["weekly series with an exception"][1])
    the_file(page)
    page.wait_for_timeout(300)
    # The one request typing may make is for the checker's script (fetched when the reader starts
    # on the form): a GET of the site's own file that carries nothing typed.
    typed = [r for r in requests[loaded:] if r.url != base_url + "/assets/javascripts/vendor/ajv7.min.js"]
    assert typed == [], f"typing made requests: {[r.url for r in typed]}"
    assert all(r.method == "GET" for r in requests[loaded:])

    with page.context.expect_page() as opened:
        page.click("[data-hb-host]")
    opened.value.wait_for_load_state()
    sent = [r.url for r in requests[loaded:] if not r.url.startswith(base_url)]
    assert len(sent) == 1 and sent[0].startswith(REPO + "/new/main/content/events/hackney-crew?filename="), sent


def test_suggest_a_change_fills_the_form_with_the_gathering(new_page, tmp_path):
    page = follow_to_form(new_page, DESKTOP, "/events/newtown-thursday-crew/", "Suggest a change")
    assert page.input_value("#p-title") == "Newtown crew on Thursdays"
    assert page.input_value("#p-group") == "newtown-crew"
    assert page.input_value("#p-repeat") == "week"
    assert page.is_checked("input[name='p-weekday'][value='3']")
    assert page.locator("[data-hb-excepts] li").all_inner_texts()[0].startswith("Thursday 24 December 2026")
    # The file leaves who may come to its group, which is closed: the form says so and keeps its tags.
    assert page.is_checked("input[name='p-who'][value='']")
    assert "members only" in page.locator("[data-hb-who-default]").inner_text()
    assert "members-only" in page.input_value("#p-tags")
    set_value(page, "#p-title", "Newtown crew, Thursday evenings")
    set_value(page, "#p-end-time", "21:30")
    path, text = the_file(page)
    assert path == "content/events/wellington/newtown-thursday-crew.yml"
    assert "\ntitle: Newtown crew, Thursday evenings\n" in text and "end: 2026-10-01 21:30" in text
    # What the form does not edit is kept: the changed dates, the map position.
    assert "\n  changes:\n    - date: 2027-01-07\n" in text and "geo: [-41.3113, 174.7768]" in text
    link = page.locator("[data-hb-host]").get_attribute("href")
    assert link == f"{REPO}/edit/main/content/events/wellington/newtown-thursday-crew.yml"

    root = copy_project(tmp_path, files={path: text})
    checked = handbook("check", str(root), cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr + text


def test_a_group_that_keeps_its_own_calendar_gives_its_address(new_page, tmp_path, axe_path):
    page = open_form(new_page, PHONE)
    # Pasted from a calendar app's sharing settings, without the scheme: the form says what is
    # wrong at the field, in `handbook check`'s words, and where to find the right address.
    fill_group(page, name="Riverside Crew", kind="crew", summary="Neighbours who meet by the river on Sundays.",
               zone="Europe/London", calendar="calendar.example.org/riverside/public.ics")
    problem = field_problem(page, "g-calendar")
    assert "is not the address of a calendar feed" in problem and "sharing settings" in problem, problem
    assert page.locator("[data-hb-ways]").is_hidden()
    serious = [v for v in axe_violations(page, axe_path) if v["impact"] in SERIOUS]
    assert not serious, describe(serious)
    guide = urlsplit(page.locator("#g-calendar-hint a").evaluate("link => link.href"))
    assert (guide.path, guide.fragment) == ("/contribute/groups/", "if-your-group-already-keeps-a-calendar"), guide
    guide_page = new_page(**PHONE)
    guide_page.goto(guide.geturl())
    assert guide_page.locator(f"h2#{guide.fragment}").is_visible()

    address = "webcal://calendar.example.org/riverside/public.ics"
    set_value(page, "#g-calendar", address)
    path, text = the_file(page)
    assert f"\ncalendar: {address}\n" in text, text
    preview = page.locator("[data-hb-preview] .hb-facts").inner_text()
    assert address in preview, preview

    # `handbook check` accepts the file as it stands; offline it only warns that the feed is not
    # fetched here.
    root = copy_project(tmp_path, files={path: text})
    checked = handbook("check", "--offline", str(root), cwd=root)
    lines = checked.stdout.splitlines()
    assert checked.returncode == 0 and all(": warning: " in line for line in lines), checked.stdout + checked.stderr


def test_a_page_for_a_group_starts_the_form_with_it(new_page):
    page = follow_to_form(new_page, PHONE, "/groups/peckham-crew/", "Put it on the calendar")
    assert page.input_value("#p-group") == "peckham-crew"
    assert page.input_value("#p-timezone") == "Europe/London"


# Names that test the slug rule: accents, ligatures, other scripts, width forms, the 60-character
# cut, punctuation at the ends, and names that leave nothing to make a slug of.
HARD_NAMES = [
    "Café Crème", "Crème brûlée & co.", "Ærøskøbing Crew", "Straße Fest", "Zürich Über-Treffen", "  Leading and trailing  ",
    "ALL CAPS!!!", "日本語の集まり", "Ｆｕｌｌｗｉｄｔｈ Ｃｒｅｗ", "ﬁne ﬂour bakers", "İstanbul Buluşması", "Łódź spotkanie",
    "Ǆemal's Ǳ party", "naïve café", "Ολυμπία", "Ünïcödé 2027 — meet-up", "emoji 🎉 party", "tab\there",
    "a" * 80, "x-" * 40, "word " * 15, "½ price ⅓ off", "Ⅻ chapter", "déjà vu — №5", "O'Brien's Crew",
]


def test_slugs_are_made_as_handbook_new_makes_them(new_page, tmp_path):
    from generator import cli

    page = open_form(new_page)
    page.check("input[name='what'][value='group']")
    for number, name in enumerate(HARD_NAMES):
        project = tmp_path / f"p{number}"
        (project / "content").mkdir(parents=True)
        code = cli.main(["new", "group", name, "--kind", "crew", "--timezone", "UTC", "--root", str(project)])
        written = [p.stem for p in (project / "content" / "groups").glob("*.yml")] if code == 0 else [""]
        page.fill("#g-name", name)
        assert page.input_value("#g-slug") == written[0], name


# ---------------------------------------------------------------------------------------------
# The page before and without the scripts

def test_the_form_is_in_place_before_any_script_runs(new_page):
    # On a slow phone the browser paints the page before Material's script has arrived: the form
    # must be there already, or the footer painted in its place jumps down when it appears
    # (Lighthouse measured a layout shift of 0.32 in half its runs).
    page = new_page(**PHONE)
    page.add_init_script(LAYOUT_SHIFTS)
    held = []
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    page.goto("/contribute/propose/", wait_until="commit")
    page.wait_for_function("document.querySelector('.md-footer') !== null")
    page.wait_for_timeout(500)  # painted, with the script still on its way
    assert page.evaluate("typeof window.document$ === 'undefined'"), "Material's script has not run yet"
    form = page.locator("[data-hb-form]")
    assert form.bounding_box() and form.bounding_box()["height"] > 800
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    page.wait_for_selector("[data-hb-propose][data-hb-ready]")
    page.wait_for_timeout(300)
    shifts = page.evaluate("window.__shifts")
    assert sum(value for value, _ in shifts) < 0.01, shifts


def test_the_preview_is_built_by_the_time_the_reader_reaches_it(new_page):
    # Drawing the first preview of an empty form was the largest piece of the form's start-up on
    # a phone, for a box below a form taller than any screen: it waits for the reader to start on
    # the form or to scroll within a screen of it. A reader who scrolls down without touching
    # anything finds it drawn, and nothing on the screen jumps as it is.
    page = new_page(**PHONE)
    page.add_init_script(LAYOUT_SHIFTS)
    page.goto("/contribute/propose/")
    page.wait_for_selector(READY)
    page.wait_for_timeout(300)
    preview = page.locator("[data-hb-preview]")
    assert preview.inner_text() == "" and page.locator("[data-hb-handover]").is_hidden(), "drawn while the page loaded"
    page.mouse.move(200, 400)
    while page.evaluate("innerHeight + scrollY < document.documentElement.scrollHeight - 1"):
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(30)
    page.wait_for_function("document.querySelector('[data-hb-preview]').innerText !== ''")
    page.wait_for_timeout(300)  # for any layout shift the drawing causes to be recorded
    assert preview_of(page)["title"] == "What is it called?"
    assert "Choose a date" in preview.inner_text()
    assert page.locator("[data-hb-handover]").is_visible() and page.locator("[data-hb-problem-list] li").count() >= 2
    shifts = page.evaluate("window.__shifts")
    assert sum(value for value, _ in shifts) < 0.01, shifts


def test_without_javascript_the_page_points_to_the_guides(new_page):
    page = new_page(java_script_enabled=False, **PHONE)
    page.goto("/contribute/propose/")
    assert page.locator("[data-hb-form]").is_hidden() and page.locator(".hb-preview").is_hidden()
    note = page.locator(".hb-propose__nojs")
    assert note.is_visible() and "add a gathering" in note.text_content()


def test_the_forms_script_starts_in_a_task_of_its_own(new_page):
    # A deferred script runs in the task that ends the parsing of the page, beside Material's
    # handlers of DOMContentLoaded: together they made a task long enough to block a phone's
    # reader (and Lighthouse's measure of it). Told here by when the form asks for its data, which
    # its script does as it starts: a deferred script always starts after the page became
    # interactive and before DOMContentLoaded, in the same task; an async one never does (it runs
    # in a task of its own, before the end of parsing or after it).
    page = new_page(**PHONE)
    page.add_init_script("""
        window.__hbDataAsked = null;
        let parsingEnds = false;
        document.addEventListener("readystatechange", () => {
            if (document.readyState === "interactive") {
                parsingEnds = true;
            }
        });
        document.addEventListener("DOMContentLoaded", () => { parsingEnds = false; });
        const fetch = window.fetch;
        window.fetch = function (url, ...rest) {
            if (window.__hbDataAsked === null && String(url).includes("propose.json")) {
                window.__hbDataAsked = parsingEnds ? "as parsing ended" : "in a task of its own";
            }
            return fetch.call(this, url, ...rest);
        };""")
    page.goto("/contribute/propose/")
    page.wait_for_selector(READY)
    assert page.evaluate("window.__hbDataAsked") == "in a task of its own"
