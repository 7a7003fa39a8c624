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

from ..core.problems import Reporter
from ..core.safe_html import RAW_TAGS, attribute_problem, sanitise, url_problem

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
# What looks like a code span: backticks paired as Python-Markdown's BACKTICK_RE pairs them, within
# a paragraph.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
# Python-Markdown's BACKTICK_RE, verbatim, for one line (escaped backslashes, or a code span).
_LINE_SPAN = re.compile(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)(`+)(.+?)(?<!`)\2(?!`))")
# A line that may open a raw HTML block, and a line that is one whole comment (which does not).
_RAW_BLOCK_LINE = re.compile(r"^[ \t]*<[A-Za-z/!?]", re.MULTILINE)
_COMMENT_LINE = re.compile(r"^[ \t]*<!--[^<>\n]*-->[ \t]*$", re.MULTILINE)
# Links Python-Markdown makes of `<...>` (they are not tags): web addresses and e-mail addresses.
_AUTOLINK = re.compile(r"<(?:(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*|[^<> !]+@[^@<> ]+)>")
# Raw HTML: `<`, a letter, and everything up to the next `>` (a browser reads `<span<b>` as one
# tag named `span<b`), or to the end: the `>` of the HTML around the page can close it.
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)([^>]*)(?:>|$)")
_DECLARATION = re.compile(r"<[!?](?!--)")
# `{: #id .class key=value }`, from the first brace of a line to its last, as attr_list reads it.
_ATTR_LIST = re.compile(r"\{(:?)[ ]*([^}\n ][^\n]*)\}")
_ATTR_TOKEN = re.compile(r"""[^ =}]+="[^"]*"|[^ =}]+='[^']*'|[^ =}]+=[^ =}]+|[^ =}]+""")
# The address of a reference definition, which may stand on the line after the name.
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*(?:<([^>\n]*)>|(\S+))", re.MULTILINE)
_LINK_START = re.compile(r"\]\(")
_LONGEST_LINK = 4000  # characters looked at after `](`: no address is longer


def check_markup(body: str, first_line: int, report: Reporter) -> None:
    """Report every piece of markup in `body` (which starts on `first_line`) the site refuses.

    Markup inside code is shown as text, so code is left out of the search: fenced blocks (which
    Python-Markdown takes out first) and the code spans that are surely code (`_sure_spans`).
    Where backticks might pair up otherwise, and markup shows only if they do not, the page is
    rendered as the site renders it to settle it: if the sanitiser finds nothing to remove, it
    was code. Only such pages pay for Markdown.
    """
    text = _without_fences(body)
    problems = _located(_sure_spans(text), first_line)
    if problems:
        optimistic = _located(_all_spans(text), first_line)
        if optimistic != problems and _renders_clean(body):
            problems = optimistic
    for line, message, hint in problems:
        report.error(line, message, hint)


# The Markdown extensions of the site: mkdocs.yml's and those MkDocs always adds
# (tests/test_safe_html.py holds this to mkdocs.yml).
# The site's Markdown extensions, less pymdownx.snippets: its lines are refused by
# `glossary.check_snippet_lines`, and the glossary it appends is checked on its own.
SITE_EXTENSIONS = ("toc", "tables", "fenced_code", "abbr", "admonition", "attr_list", "md_in_html")


def _renders_clean(body: str) -> bool:
    import markdown  # only here: `handbook check` stays quick for pages without code spans of markup

    converter = markdown.Markdown(extensions=list(SITE_EXTENSIONS))
    return not sanitise(converter.convert(body))[1]


def _located(text: str, first_line: int) -> list[tuple[int, str, str]]:
    found = {(first_line + text.count("\n", 0, offset), message, hint) for offset, message, hint in _problems(text)}
    return sorted(found)


def _problems(text: str):
    for match in _DECLARATION.finditer(text):
        yield match.start(), "HTML declarations and processing instructions are not allowed", "remove it"
    # Comments are not skipped: where one ends is read differently by different parsers
    # (`<!-->` is a whole comment to a browser), and the build drops them anyway; a tag inside
    # one is refused with the rest.
    markup = _blank(text, _AUTOLINK)
    for match in _TAG.finditer(markup):
        yield from _tag_problems(match)
    for match in _ATTR_LIST.finditer(markup):
        yield from _attribute_list_problems(match, markup)
    targets = [(m.start(), m.group(1) if m.group(1) is not None else m.group(2)) for m in _REFERENCE.finditer(markup)]
    for offset, address in targets + list(_inline_targets(markup)):
        problem = url_problem(html.unescape(address))
        if problem:
            yield (offset, f"the link `{_short(address)}`: {problem}",
                   "links and images may go to https://, http://, mailto: or a page of the site")


def _inline_targets(text: str):
    """(offset, address) of each `[text](address "title")`: everything up to the `)` that closes
    the bracket, across lines as Python-Markdown reads it (`url_problem` ignores the white space
    and anything after the scheme)."""
    for match in _LINK_START.finditer(text):
        start = match.end()
        depth, end = 1, start
        limit = min(len(text), start + _LONGEST_LINK)
        while end < limit and depth:
            char = text[end]
            depth += char == "("
            depth -= char == ")"
            if text.startswith("\n\n", end):
                break  # a paragraph ends the link
            end += 1
        address = text[start:end - 1 if not depth else end].strip()
        yield match.start(), address[1:] if address.startswith("<") else address


def _tag_problems(match: re.Match):
    closing, name = match.group(1), match.group(2).lower()
    if name not in RAW_TAGS:
        yield (match.start(), f"raw HTML `<{closing}{_short(name)}>` is not allowed",
               "write it in Markdown; only " + ", ".join(f"<{t}>" for t in sorted(RAW_TAGS)) +
               " may be written as HTML")
        return
    if not match.group(0).endswith(">"):
        yield match.start(), f"the tag `<{closing}{name}` is not closed", "end it with `>`"
        return
    if closing:
        return
    for attribute, value in _attributes(match.group(0)):
        problem = attribute_problem(name, attribute, value, editor=True)
        if problem:
            yield match.start(), f"`<{name}>`: {problem}", "remove it; a class (`class=\"...\"`) is fine"


def _attribute_list_problems(match: re.Match, text: str):
    # attr_list reads braces at the end of a line (a block's last line, a heading) or right after
    # an inline element (`*em*{: .x }`); braces elsewhere are prose.
    at_line_end = re.match(r"[ ]*(?:\n|$)", text[match.end():]) is not None
    attached = match.start() > 0 and text[match.start() - 1] not in " \t\n"
    if not (at_line_end or attached):
        return
    for token in _ATTR_TOKEN.findall(match.group(2)):
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
    reader.feed(tag if tag.endswith(">") else tag + ">")
    reader.close()
    return found


def _without_fences(text: str) -> str:
    """`text` with the insides of fenced blocks blanked, lines kept in place: Python-Markdown
    takes them out before anything else, so they are always code."""
    return _FENCED.sub(lambda m: m.group(0)[: m.start("code") - m.start()] + _spaces(m.group("code")) +
                       m.group(0)[m.end("code") - m.start():], text)


def _all_spans(text: str) -> str:
    """`text` with everything that looks like a code span blanked."""
    return _CODE_SPAN.sub(lambda m: m.group(1) + _spaces(m.group(2)) + m.group(1), text)


def _sure_spans(text: str) -> str:
    """`text` with the code spans blanked that Python-Markdown surely reads as code.

    It pairs backticks within the text of one block, leftmost first. A line whose backticks all
    pair up on the line pairs them the same way whatever block it is in; after a line with one
    left over, the pairs of the following lines of the paragraph are not sure. Inside a raw HTML
    block backticks are plain text: with a line that may open one (a tag at its start), none is.
    """
    if _RAW_BLOCK_LINE.search(_blank(_blank(text, _AUTOLINK), _COMMENT_LINE)):
        return text
    lines, sure = [], True
    for line in text.split("\n"):
        if not line.strip():
            sure = True  # a blank line ends every paragraph
        elif sure:
            line = _LINE_SPAN.sub(lambda m: m.group(0) if m.group(1) else
                                  m.group(2) + _spaces(m.group(3)) + m.group(2), line)
            sure = "`" not in _LINE_SPAN.sub("", line)
        lines.append(line)
    return "\n".join(lines)


def _blank(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: _spaces(m.group(0)), text)


def _spaces(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
