"""Rendering a calendar page: the Jinja2 templates of `calendar_templates/` with autoescaping on,
links made relative to the page (MkDocs does not rewrite links inside raw HTML), and headings
collected for the table of contents."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ...calendar import text as calendar_text
from ...calendar.agenda import Item
from ...content import descriptions
from ...core.newcomers import MEMBERS_ONLY
from ...core.urls import PROPOSE_PAGE, link
from ..page_html import Body, Headings
from .model import Calendar

TEMPLATES = Path(__file__).parent.parent / "calendar_templates"


def render(template: str, calendar: Calendar, src_uri: str, **context) -> Body:
    here = calendar.urls.page(src_uri)
    headings = Headings(calendar.options.headings)
    html = _environment().get_template(template).render(
        here=here, urls=calendar.urls, window=calendar.window, content=calendar.content, heading=headings,
        has_propose_page=PROPOSE_PAGE in calendar.content.published, **context)
    return Body(html.strip(), tuple(headings.found))


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["rel"] = _rel
    env.filters["markdown"] = lambda text: Markup(descriptions.render(text or ""))
    env.globals["short_date"] = calendar_text.short_date
    env.globals["month_name"] = calendar_text.month_name
    env.globals["MEMBERS_ONLY"] = MEMBERS_ONLY
    return env


@jinja2.pass_context
def _rel(context, path: str) -> str:
    return link(path, context["here"])


def feed_theme(calendar: Calendar, path: str, title: str) -> dict:
    return {"feed_url": path, "feed_title": escape(title)}


def first_of(entries: list[Item]) -> Item | None:
    return entries[0] if entries else None


def subscribe(calendar: Calendar, feed: str, name: str) -> dict:
    """The one-step subscription to a feed: webcal for calendar apps, https to copy, the file."""
    urls = calendar.urls
    return {"name": name, "webcal": urls.webcal(feed), "https": urls.absolute(feed), "ics": feed,
            "steps": urls.subscribe() + "#how-to-subscribe" if calendar.options.subscribe_page else None}


def subscribe_html(calendar: Calendar, src_uri: str, feed: str, name: str) -> Markup:
    """The subscribe block for a page made elsewhere (a pattern's), with links from `src_uri`."""
    body = render("subscribe.html.j2", calendar, src_uri, subscribe=subscribe(calendar, feed, name))
    return Markup(body.html)

