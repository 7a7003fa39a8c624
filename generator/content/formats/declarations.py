"""The file formats, declared once: every key of a group, an event, a pattern's and a path's front
matter, and the page options content may set. These declarations drive the check (`shape`), the
JSON Schemas (`handbook schemas`) and the field reference on the Contribute pages."""

from __future__ import annotations

from ...core import limits
from ...core.model import GROUP_KINDS, SCALES, STATUSES
from .fields import Field, mapping
from .kinds import FREQUENCIES

LOCATION = mapping(
    "location", "Where people meet in person.",
    Field("name", "text", "The name of the place, like `Newtown Community Centre`.", max_length=limits.MAX_NAME),
    Field("address", "text", "Its street address, as a visitor would type it into a map.",
          max_length=limits.MAX_ADDRESS),
    Field("geo", "geo", "Latitude and longitude, for the map link."),
)

ORGANIZER = mapping(
    "organizer", "Who to ask about the gathering.",
    Field("name", "text", "Their name.", required=True, max_length=limits.MAX_NAME),
    Field("email", "email", "An address people may write to."),
)

CHANGE = mapping(
    "change", "One occurrence that differs from the rest, found by its original date.",
    Field("date", "date", "The date the occurrence would have had without the change.", required=True),
    Field("start", "when", "Its new start, in the event's time zone."),
    Field("end", "when", "Its new end (for an all-day event: its last day, inclusive)."),
    Field("status", "choice", "`cancelled` keeps it on the calendar, marked cancelled.", allowed=STATUSES),
    LOCATION,
    Field("online", "url", "Its own online link."),
    Field("title", "text", "Its own title.", max_length=limits.MAX_TITLE),
    Field("description", "markdown", "Its own description.", max_length=limits.MAX_DESCRIPTION),
)

REPEAT = mapping(
    "repeat", "Makes the event a series.",
    Field("every", "choice", "How often: each day, week, month or year.", allowed=FREQUENCIES),
    Field("interval", "integer", "Every how many days, weeks, months or years (default 1).", minimum=1,
          maximum=limits.MAX_INTERVAL),
    Field("on", "list", "Weekdays for a weekly series; `first thursday`, `last friday` or a day number "
          "for a monthly one. Without it, the day of `start`.",
          items=Field("day", "day"), one_or_many=True, max_items=31),
    Field("until", "when", "The last day of the series, included (or a local date and time)."),
    Field("count", "integer", "How many occurrences in all (instead of `until`).", minimum=1,
          maximum=limits.MAX_COUNT),
    Field("except", "list", "Dates of occurrences that do not happen.",
          items=Field("date", "date"), one_or_many=True, max_items=limits.MAX_EXCEPTIONS),
    Field("changes", "list", "Occurrences that differ from the rest.", items=CHANGE, max_items=limits.MAX_CHANGES),
    Field("rrule", "rrule", "For power users, instead of `every`, `interval` and `on`: an RFC 5545 "
          "RRULE value such as `FREQ=MONTHLY;BYDAY=1TH`."),
)

EVENT = mapping(
    "event", "A gathering: `content/events/**/<slug>.yml`; the slug is the file name.",
    Field("title", "text", "What the gathering is called.", required=True, max_length=limits.MAX_TITLE),
    Field("group", "slug", "The group holding it: the name of a file in content/groups/.", required=True),
    Field("start", "when", "Local time in the event's time zone; a date alone means all day.", required=True),
    Field("end", "when", "When it ends; for an all-day event, its last day (inclusive)."),
    Field("duration", "duration", "How long it lasts, instead of `end`: `2h`, `90m`, `1h30m`."),
    Field("timezone", "timezone", "The time zone of `start` and `end`; by default the group's."),
    Field("status", "choice", "Whether it is happening (default `confirmed`).", allowed=STATUSES),
    REPEAT,
    LOCATION,
    Field("online", "url", "The link to join online."),
    Field("patterns", "list", "Slugs of the patterns it practises.", items=Field("pattern", "slug"),
          one_or_many=True, max_items=limits.MAX_PATTERNS),
    Field("tags", "list", "Words to filter by, like `newcomers-welcome`.", items=Field("tag", "slug"),
          one_or_many=True, max_items=limits.MAX_TAGS),
    ORGANIZER,
    Field("description", "markdown", "More about the gathering, in Markdown.", max_length=limits.MAX_DESCRIPTION),
    Field("open_to_newcomers", "boolean", "Whether newcomers may simply turn up; by default what the group "
          "says. Listings mark a gathering that is not open as \"Members only\"."),
)

CALENDAR = mapping(
    "calendar", "A public calendar feed the group already keeps (its address, or a mapping with `url` and "
                "options): its events are imported at each build as the group's gatherings.",
    Field("url", "feed", "The feed's public address, as Google Calendar, Nextcloud or Outlook shows it.",
          required=True),
    Field("patterns", "list", "Slugs of the patterns every imported gathering practises.",
          items=Field("pattern", "slug"), one_or_many=True, max_items=limits.MAX_PATTERNS),
    Field("tags", "list", "Tags every imported gathering carries.", items=Field("tag", "slug"),
          one_or_many=True, max_items=limits.MAX_TAGS),
    Field("categories", "list", "Import only the events with one of these categories (or keywords).",
          items=Field("category", "text", max_length=limits.MAX_WORD), one_or_many=True,
          max_items=limits.MAX_TAGS),
    Field("keywords", "list", "Import only the events with one of these words in the title (or categories).",
          items=Field("keyword", "text", max_length=limits.MAX_WORD), one_or_many=True,
          max_items=limits.MAX_TAGS),
    shorthand="url",
)

GROUP = mapping(
    "group", "A crew, congregation or network: `content/groups/<slug>.yml`; the slug is the file name.",
    Field("name", "text", "The group's name.", required=True, max_length=limits.MAX_TITLE),
    Field("kind", "choice", "What sort of group it is.", required=True, allowed=GROUP_KINDS),
    Field("summary", "text", "One sentence about the group.", required=True, max_length=limits.MAX_SUMMARY),
    Field("timezone", "timezone", "Where its clocks are; the default for its events.", required=True),
    Field("where", "text", "The neighbourhood or town, like `Newtown, Wellington`.", max_length=limits.MAX_NAME),
    Field("part_of", "slug", "The congregation this crew belongs to."),
    Field("open_to_newcomers", "boolean", "Whether newcomers may simply turn up."),
    Field("contact", "link", "How to get in touch: a web page or a mailto: link."),
    Field("area", "text", "The place a reader looks for: a town, city or region like `Wellington`, or "
          "`Online`. The agenda filters by it; gatherings with only an online link count as `Online`.",
          max_length=limits.MAX_AREA),
    CALENDAR,
)

# Page options that MkDocs and Material for MkDocs read from any page's front matter and that
# content may set. Material prints some of its other keys without escaping (`author`, `subtitle`,
# a redirect's `location`) or takes them as a file name (`icon`); `template` picks any of the
# theme's templates (redirect.html among them), which is a decision about code, not content.
# `status` is printed inside a class attribute, hence the fixed words Material knows.
# The theme's templates made for an ordinary page (the code of conduct adds where to report a
# problem, the proposal page its form); any other template is code's choice, never a page's.
PAGE_TEMPLATES = ("conduct.html", "propose.html")

PAGE_OPTIONS = (
    Field("hide", "list", "Parts of the page to hide.", one_or_many=True, max_items=6,
          items=Field("part", "choice", allowed=("navigation", "toc", "footer", "feedback", "path", "tags"))),
    mapping("search", "How search treats the page.",
             Field("exclude", "boolean", "Leave the page out of search."),
             Field("boost", "number", "Rank the page higher (above 1) or lower (below 1).")),
    Field("status", "choice", "A badge in the navigation.", allowed=("new", "deprecated")),
)

PATTERN = mapping(
    "pattern", "The front matter of `content/patterns/<slug>.md`; the slug is the file name.",
    Field("title", "text", "The pattern's name.", required=True, max_length=limits.MAX_TITLE),
    Field("summary", "text", "The pattern in one sentence.", required=True, max_length=limits.MAX_SUMMARY),
    Field("scale", "choice", "The scale it works at.", required=True, allowed=SCALES),
    Field("tags", "list", "Words to filter by.", items=Field("tag", "slug"), one_or_many=True,
          max_items=limits.MAX_TAGS),
    Field("related", "list", "Slugs of related patterns.", items=Field("pattern", "slug"), one_or_many=True,
          max_items=limits.MAX_PATTERNS),
    *PAGE_OPTIONS,
)

PAGE = mapping(
    "page", "The front matter of any other Markdown page of the site (`content/**/*.md`).",
    Field("title", "text", "The page's title, in the navigation and the browser's tab.", max_length=limits.MAX_TITLE),
    Field("description", "text", "One sentence about the page, for search engines and link previews.",
          max_length=limits.MAX_SUMMARY),
    Field("template", "choice", "A layout of the theme's made for ordinary pages.", allowed=PAGE_TEMPLATES),
    *PAGE_OPTIONS,
)

STEP = mapping(
    "step", "One step of a path: a pattern, and what to do with it at that point.",
    Field("pattern", "slug", "The pattern of this step: the name of a file in content/patterns/, "
          "without `.md`.", required=True),
    Field("do", "text", "What to do at this step, in a sentence or two.", required=True,
          max_length=limits.MAX_SUMMARY),
    Field("when", "text", "When in the sequence, like `before the first meeting` or `every meeting`.",
          max_length=limits.MAX_NAME),
)

PATH = mapping(
    "path", "The front matter of `content/paths/<slug>.md`, a sequence of patterns to practise in order; "
            "the slug is the file name.",
    Field("title", "text", "The path's name, like `Start a crew`.", required=True, max_length=limits.MAX_TITLE),
    Field("summary", "text", "Who the path is for and where it leads, in one sentence.", required=True,
          max_length=limits.MAX_SUMMARY),
    Field("steps", "list", "The steps, in the order to take them.", required=True, items=STEP,
          max_items=limits.MAX_STEPS),
)
