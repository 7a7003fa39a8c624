from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from generator.core import limits


class CalendarConfig(Config):
    enabled = opt.Type(bool, default=True)
    # How far ahead the agenda, the group pages and the pattern pages look, in days.
    horizon_days = opt.Type(int, default=90)
    # How far back /events/past/ and the group pages go, in days; month grids cover both windows.
    past_days = opt.Type(int, default=365)
    # Dates listed on the page of a series.
    series_dates = opt.Type(int, default=8)
    # Past gatherings listed on a group's page.
    group_past = opt.Type(int, default=12)
    # Gatherings listed on a pattern's page.
    pattern_gatherings = opt.Type(int, default=5)
    # Gatherings listed on the agenda, the past page, each filter page and each group page; the
    # month grids list the rest, so that no page grows with the calendar.
    listing_limit = opt.Type(int, default=50)
    # Gatherings shown in one day of a month's grid; a busier day gets a page listing all of them.
    day_limit = opt.Type(int, default=4)
    # Past this many groups the agenda's group filters and /groups/ list congregations, networks
    # and lone crews; a congregation's filter page and its card on /groups/ list its crews.
    filter_groups = opt.Type(int, default=20)
    # Groups' own calendars (`calendar:` in a group file, `generator.imported`): build from the
    # cached copies alone (also: HANDBOOK_CALENDARS=offline), how long a feed may take and how
    # large it may be, and whether a feed's problems are warnings that `--strict` fails on (by
    # default they are logged as information: a feed that is down is not a mistake in content).
    calendars_offline = opt.Type(bool, default=False)
    calendars_timeout = opt.Type(int, default=limits.IMPORT_TIMEOUT_SECONDS)
    calendars_max_mb = opt.Type(int, default=limits.IMPORT_MAX_BYTES // 1_000_000)
    calendars_strict = opt.Type(bool, default=False)
