"""The check of the Markdown in patterns and pages: markup the site does not publish, with its line.

It reads the Markdown source the way Python-Markdown and the site's extensions do, as far as the
rules in `safe_html` need: raw HTML tags and their attributes, attribute lists (`{: ... }`), and
the addresses of links and images, skipping code (fenced blocks and code spans), where `<` is
shown as text. Where it cannot be exact it errs on the side of refusing; the build's sanitiser
(`safe_html.sanitise`) is the wall behind it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .problems import Reporter
from .safe_html import RAW_TAGS, attribute_problem, url_problem

# Python-Markdown's fenced_code opening and closing, verbatim (a fence starts at the margin).
_FENCED = re.compile(r"""
(?P<fence>^(?:~{3,}|`{3,}))[ ]*                          # opening fence
((\{(?P<attrs>[^\n]*)\})|                              # (optional {attrs} or
(\.?(?P<lang>[\w#.+-]*)[ ]*)?                            # optional (.)lang
(hl_lines=(?P<quot>"|')(?P<hl_lines>.*?)(?P=quot)[ ]*)?) # optional hl_lines)
\n                                                       # newline (end of opening fence)
(?P<code>.*?)(?<=\n)                                     # the code block
(?P=fence)[ ]*$                                          # closing fence
""", re.MULTILINE | re.DOTALL | re.VERBOSE)
# A code span, as Python-Markdown's BACKTICK_RE, kept inside one paragraph.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
# A comment ends where a browser ends it: `<!-->` and `<!--->` are whole comments, `--!>` closes one.
_COMMENT = re.compile(r"<!--(?:>|->|.*?--!?>)", re.DOTALL)
# Links Python-Markdown makes of `<...>` (they are not tags): web addresses and e-mail addresses.
_AUTOLINK = re.compile(r"<(?:(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*|[^<> !]+@[^@<> ]+)>")
# Raw HTML as Python-Markdown finds it inline: a name, then anything but `<` and `>`.
_TAG = re.compile(r"<(/?)([A-Za-z][^<>@\s/]*)([^<>]*)>")
_DECLARATION = re.compile(r"<[!?](?!--)")
# `{: #id .class key=value }`, from the first brace of a line to its last, as attr_list reads it.
_ATTR_LIST = re.compile(r"\{(:?)[ ]*([^}\n ][^\n]*)\}")
_ATTR_TOKEN = re.compile(r"""[^ =}]+="[^"]*"|[^ =}]+='[^']*'|[^ =}]+=[^ =}]+|[^ =}]+""")
# The address of an inline link or image: `](address` or `](<address>`.
_LINK = re.compile(r"\]\([ \t]*(?:<([^>\n]*)>|([^\s()]*(?:\([^\s()]*\)[^\s()]*)*))")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))", re.MULTILINE)


def check_markup(body: str, first_line: int, report: Reporter) -> None:
    """Report every piece of markup in `body` (which starts on `first_line`) the site refuses."""
    text = _without_code(body)
    problems: list[tuple[int, str, str]] = []
    for offset, message, hint in _problems(text):
        problems.append((first_line + text.count("\n", 0, offset), message, hint))
    for line, message, hint in sorted(set(problems)):
        report.error(line, message, hint)


def _problems(text: str):
    for match in _DECLARATION.finditer(text):
        yield match.start(), "HTML declarations and processing instructions are not allowed", "remove it"
    markup = _blank(text, _COMMENT)
    markup = _blank(markup, _AUTOLINK)
    for match in _TAG.finditer(markup):
        yield from _tag_problems(match)
    for match in _ATTR_LIST.finditer(markup):
        yield from _attribute_list_problems(match)
    for pattern in (_LINK, _REFERENCE):
        for match in pattern.finditer(markup):
            address = match.group(1) if match.group(1) is not None else match.group(2)
            problem = url_problem(html.unescape(address))
            if problem:
                yield (match.start(), f"the link `{_short(address)}`: {problem}",
                       "links and images may go to https://, http://, mailto: or a page of the site")


def _tag_problems(match: re.Match):
    closing, name = match.group(1), match.group(2).lower()
    if name not in RAW_TAGS:
        yield (match.start(), f"raw HTML `<{closing}{_short(name)}>` is not allowed",
               "write it in Markdown; only " + ", ".join(f"<{t}>" for t in sorted(RAW_TAGS)) +
               " may be written as HTML")
        return
    if closing:
        return
    for attribute, value in _attributes(match.group(0)):
        problem = attribute_problem(name, attribute, value, editor=True)
        if problem:
            yield match.start(), f"`<{name}>`: {problem}", "remove it; a class (`class=\"...\"`) is fine"


def _attribute_list_problems(match: re.Match):
    tokens = _ATTR_TOKEN.findall(match.group(2))
    first = tokens[0] if tokens else ""
    if not (match.group(1) or first.startswith((".", "#")) or "=" in first):
        return  # braces in prose, which attr_list leaves alone
    for token in tokens:
        if token.startswith((".", "#")):
            name, value = ("class", token[1:]) if token[0] == "." else ("id", token[1:])
        else:
            name, _, value = token.partition("=")
            value = value.strip("\"'") if value else name
        problem = attribute_problem("", name.lower(), value, editor=True)
        if problem:
            yield (match.start(), f"the attribute list `{_short(match.group(0))}`: {problem}",
                   "attribute lists may give a `.class`, an `#id`, a `title`, a `lang` or a `dir`")


def _attributes(tag: str) -> list[tuple[str, str | None]]:
    """The attributes of one start tag, as an HTML parser reads them."""
    found: list[tuple[str, str | None]] = []

    class Reader(HTMLParser):
        def handle_starttag(self, name, attrs):
            found.extend(attrs)

        handle_startendtag = handle_starttag

    reader = Reader()
    reader.feed(tag)
    reader.close()
    return found


def _without_code(text: str) -> str:
    """`text` with the insides of fenced blocks and code spans blanked, lines kept in place."""
    text = _FENCED.sub(lambda m: m.group(0)[: m.start("code") - m.start()] + _spaces(m.group("code")) +
                       m.group(0)[m.end("code") - m.start():], text)
    return _CODE_SPAN.sub(lambda m: m.group(1) + _spaces(m.group(2)) + m.group(1), text)


def _blank(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: _spaces(m.group(0)), text)


def _spaces(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
