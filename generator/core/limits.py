"""How much content may hold, each limit with its reason, in one place.

Anyone may send a pull request, so every value in `content/` is untrusted. Each limit below is far
above what a real pattern, group or gathering needs, and low enough that checking and building
stay fast and small whatever a file holds: no value can make `handbook check` or the build run
for minutes, fill the memory, or fail with a traceback. The loaders refuse a value beyond a limit
with a `path:line: message`, as they refuse any other mistake; the converters and the history
reader apply the same limits again as a second wall (a value that reached them some other way).

Lengths are counted in characters (code points), as editors see them.
"""

from __future__ import annotations

# -- Files ------------------------------------------------------------------------------------

MAX_FILE_BYTES = 256 * 1024  # a content file is a page of text; anything larger is a mistake
MAX_YAML_DEPTH = 100  # nesting of brackets or indentation in YAML; content needs four levels at most

# -- Dates ------------------------------------------------------------------------------------

# Every date in content (`start`, `end`, `repeat.until`, UNTIL in `repeat.rrule`, `repeat.except`,
# the dates of `repeat.changes`) lies in these years, and so does every occurrence a series has.
# Why: Python's dates end at the years 1 and 9999, where adding an offset or a duration overflows;
# the time-zone database has no rules before the 1890s; and a series' expansion (at most one
# occurrence a day) is bounded by the span: at most about 110,000 occurrences from first year to
# last. A calendar of gatherings needs the present century, give or take.
FIRST_YEAR = 1900
LAST_YEAR = 2200

# -- Series -----------------------------------------------------------------------------------

# Occurrences in the window the site shows: a series has at most one a day (FREQ is DAILY or
# slower, and BYHOUR, BYMINUTE and BYSECOND are refused, in `rrules`), since occurrences are known
# by their date (`except`, `changes`); so a window of N days holds at most N of one series. Its
# whole expansion is bounded by the years above, and dateutil never walks past LAST_YEAR
# (`recurrence._BoundedRule`).

# `interval` and INTERVAL: every 1 to 1,000 days, weeks, months or years. Zero never advances (the
# expansion would loop for ever); a larger number than this is a typo.
MAX_INTERVAL = 1000

# `count` and COUNT: how many occurrences a series may have when it is counted. 10,000 is a daily
# gathering for 27 years; the check expands the series this far to see that it ends by LAST_YEAR.
MAX_COUNT = 10_000

# `repeat.except` and `repeat.changes` entries. Each is checked against the series' expansion, and
# each change is one more VEVENT in every feed the event is in (carrying the description again):
# a change every week for two years fits.
MAX_EXCEPTIONS = 100
MAX_CHANGES = 100

# A hand-written `repeat.rrule`: the longest useful rule (every day of a month listed) is about
# 100 characters.
MAX_RRULE = 500

# -- Durations --------------------------------------------------------------------------------

# An occurrence lasts at most this many days (`duration`, `end` after `start`, in changes too): a
# gathering lasts hours or days, a retreat or festival some weeks. Longer is a typo, and many
# digits would overflow Python's time arithmetic.
MAX_DAYS = 366
MAX_DURATION_TEXT = 20  # `duration` as written: `1h30m`, at most `366d23h59m` with room to spare

# -- Text -------------------------------------------------------------------------------------

# One-line text. Titles and names are headings, listing entries and calendar SUMMARYs; a summary
# is one sentence (and a page's meta description); places and people are read at a glance.
MAX_TITLE = 200  # event, change and pattern `title`, group `name`
MAX_SUMMARY = 500  # group and pattern `summary`
MAX_NAME = 200  # `where`, `location.name`, `organizer.name`, a pattern's `status`
MAX_ADDRESS = 300  # `location.address`
MAX_AREA = 80  # a group's `area`: the name of a place, on a button of the agenda's "Where" row
MAX_WORD = 100  # a time zone's name (the longest is 32) or one of a fixed set of words
MAX_SLUG = 100  # a slug value (`group`, `part_of`, `tags`, `patterns`, `related`): it becomes a
#                 URL and a file name such as `feeds/tags/<slug>.ics`, and names allow 255 bytes

# A description (Markdown) of an event or a changed occurrence, about two pages of text. It is
# printed on the event's page, in its JSON-LD, and in every feed the event is in, once more for
# each changed occurrence (which keeps the series' description unless it has its own): at most
# MAX_CHANGES + 1 copies in each of the event's feeds, half a megabyte.
MAX_DESCRIPTION = 5_000

# Python-Markdown reads from a `[` or a backtick to the end of its paragraph when nothing closes it
# (and from the `(` after `[text]`), so a paragraph of thousands of them takes minutes (quadratic
# time). Markdown (a description, a pattern, a page) may hold at most this many characters read that
# way: for each paragraph, its `[`s and backticks times its length. A paragraph of 1,000 characters
# with 50 links is 50,000 (the shipped pages: 56,000 at most); at the limit a description converts
# in about 0.2 s (measured: 5,000 characters of `[`).
MAX_INLINE_SCAN = 1_000_000

# The same across the whole text, for what Python-Markdown reads from to the end of the document:
# raw HTML and autolinks (`<`), and admonitions (`!!!`, `???`). 128 KB of `<a` lines took 86 s.
# The limit is about 0.3 s of such reading; a page with 200 tags in 20 KB is 4,000,000.
MAX_DOCUMENT_SCAN = 20_000_000

# Lists and quotes nested in Markdown (`- - - a`, `> > > a`): Python-Markdown recurses once per
# level and fails past a few hundred. Content needs three or four.
MAX_MARKDOWN_NESTING = 20

# Addresses. Browsers, search engines and sitemaps stop at about 2,000 characters; e-mail
# addresses at 254 (RFC 5321), with at most 64 before the `@`.
MAX_URL = 2000
MAX_EMAIL = 254
MAX_EMAIL_LOCAL = 64

# Lists of slugs: each tag and each pattern of an event makes its own page and feed.
MAX_TAGS = 20  # an event's or a pattern's `tags`
MAX_STEPS = 30  # a path's `steps`: a path longer than that is a handbook of its own
MAX_PATTERNS = 12  # an event's `patterns`, a pattern's `related` (each pattern's feed carries the event)

# -- Imported calendars (a group's `calendar`) ---------------------------------------------------

# A feed is fetched within this many seconds and may be at most this large (unzipped); the
# editors can change both in mkdocs.yml. A year of a busy group's calendar with long descriptions
# is well under a megabyte; Google's feed of a calendar kept for ten years, a few.
IMPORT_TIMEOUT_SECONDS = 20
IMPORT_MAX_BYTES = 10_000_000

# Events kept from one feed, in the site's window (past ones beyond it are never imported): each
# is a page and an entry in several feeds, so a feed cannot make the site grow without end. A
# weekly series is one event; a daily gathering for three years, expanded, is about a thousand.
MAX_IMPORTED_EVENTS = 1_000

# -- Git history (SEQUENCE) -------------------------------------------------------------------

# Of each event file's history, the newest versions read to find when its time, place and status
# last changed. A file that kept the same time, place and status for more versions than this is
# dated by the oldest one read: SEQUENCE comes out later (higher), never lower.
MAX_HISTORY_VERSIONS = 200

# An old version is read as YAML only if it is small enough to be a content file (the files of
# today are held to MAX_FILE_BYTES) and its values, with every alias expanded, are at most
# this many: an "alias bomb" of a few lines expands to billions. Any other old version counts as
# different from every other, which errs on the side of telling subscribers.
MAX_HISTORY_NODES = 100_000

# -- Messages ---------------------------------------------------------------------------------

# A problem's message and hint quote what the file holds, which may be a 256 KB line: each is cut
# to this many characters, so that a log stays readable and a terminal is not flooded.
MAX_MESSAGE = 500
