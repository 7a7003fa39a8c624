"""The file formats, declared once (`declarations`), and what they drive: the check of a file's
shape (`shape`, `reading`), one object per kind of value (`kinds`), and the JSON Schemas
(`fields.json_schema`). What a value *means* (times in a zone, weekdays, an RRULE) is checked by
the loaders after the shape is right."""

from .declarations import CALENDAR, EVENT, GROUP, LOCATION, PAGE, PAGE_OPTIONS, PAGE_TEMPLATES, PATH, PATTERN
from .fields import Field, json_schema
from .kinds import DURATION_RE, FREQUENCIES, KINDS, ORDINALS, SLUG_RE, WEEKDAYS
from .messages import describe, did_you_mean, suggested_slug
from .reading import check_slug, items_of, load_data, markdown_of, text_of
from .shape import check
from .texts import available_timezones, feed_address, is_email, is_mailto, is_web_url, timezone_problem

__all__ = [
    "CALENDAR", "DURATION_RE", "EVENT", "LOCATION", "available_timezones", "feed_address", "FREQUENCIES", "GROUP", "KINDS", "ORDINALS", "PAGE", "PAGE_OPTIONS", "PAGE_TEMPLATES",
    "PATH", "PATTERN", "SLUG_RE", "WEEKDAYS", "Field", "check", "check_slug", "describe", "did_you_mean",
    "is_email", "is_mailto", "is_web_url", "items_of", "json_schema", "load_data", "markdown_of",
    "suggested_slug", "text_of", "timezone_problem",
]
