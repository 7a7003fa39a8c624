"""Put text from content files into generated Markdown and HTML without it being read as markup."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~])")


def md_text(text: str) -> str:
    """Plain text for a generated Markdown page: HTML-escaped, Markdown punctuation backslashed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=True))


def html_text(text: str) -> str:
    """Plain text for HTML, attributes included."""
    return html.escape(str(text), quote=True)
