"""The `handbook` command: check content without building, and start new files from templates.

Exit codes: 0 when all is well, 1 when content is wrong (or a file would be overwritten),
2 for usage errors (argparse's own convention).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

from . import templates
from .content import load_content
from .problems import Problem

DEFAULT_DOCS_DIR = "content"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `handbook check | head` is fine
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="Check and create handbook content.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate patterns, groups and events without building")
    check.add_argument("root", nargs="?", default=".", help="the project folder (with mkdocs.yml); default: here")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="`github` prints the problems as annotations for the code host's CI")
    check.set_defaults(run=run_check)

    new = commands.add_parser("new", help="write a new pattern, event or group from a template")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    pattern = kinds.add_parser("pattern", help='handbook new pattern "Title"')
    pattern.add_argument("title")
    pattern.add_argument("--scale", choices=templates.SCALES, default="crew")
    event = kinds.add_parser("event", help='handbook new event "Title" --group SLUG --start "YYYY-MM-DD HH:MM"')
    event.add_argument("title")
    event.add_argument("--group", required=True, help="the slug of the group holding it")
    event.add_argument("--start", required=True, help='"YYYY-MM-DD HH:MM", or a date for an all-day event')
    event.add_argument("--duration", default="2h", help="for a timed event, like 2h or 90m (default 2h)")
    group = kinds.add_parser("group", help='handbook new group "Name" --kind crew --timezone Europe/London')
    group.add_argument("name")
    group.add_argument("--kind", choices=templates.GROUP_KINDS, required=True)
    group.add_argument("--timezone", required=True, help="an IANA time zone like Europe/London")
    group.add_argument("--part-of", dest="part_of", help="for a crew: the slug of its congregation")
    for sub in (pattern, event, group):
        sub.add_argument("--root", default=".", help="the project folder (with mkdocs.yml); default: here")
        sub.set_defaults(run=run_new)
    return parser


def run_check(args) -> int:
    root = Path(args.root)
    content_dir = docs_dir(root)
    if content_dir is None:
        print(f"handbook: {root} has no content folder (looked for mkdocs.yml's docs_dir, or content/)",
              file=sys.stderr)
        return 2
    content = load_content(content_dir, root)
    print_problems(content.problems, args.format)
    if content.problems:
        files = len({p.path for p in content.problems})
        print(f"{len(content.problems)} problem(s) in {files} file(s)", file=sys.stderr)
        return 1
    print(f"All good: {len(content.patterns)} patterns, {len(content.groups)} groups, "
          f"{len(content.events)} events", file=sys.stderr)
    return 0


def print_problems(problems: list[Problem], output_format: str) -> None:
    for problem in problems:
        if output_format == "github":
            print(github_annotation(problem))
        else:
            print(problem)


def github_annotation(problem: Problem) -> str:
    """`::error file=...,line=...::message`, escaped as the workflow command syntax asks."""
    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    message = f"{problem.message}; {problem.hint}" if problem.hint else problem.message
    return f"::error file={prop(problem.path)},line={problem.line},title=handbook check::{data(message)}"


def run_new(args) -> int:
    root = Path(args.root)
    content_dir = docs_dir(root) or root / DEFAULT_DOCS_DIR
    if args.kind == "pattern":
        slug = slugify(args.title)
        path = content_dir / "patterns" / f"{slug}.md"
        text = templates.pattern(args.title, args.scale)
        taken = path.exists()
    elif args.kind == "event":
        slug = slugify(args.title)
        taken = any((content_dir / "events").rglob(f"{slug}.yml"))
        path = content_dir / "events" / args.group / f"{slug}.yml"
        try:
            text = templates.event(args.title, args.group, args.start, args.duration)
        except ValueError as err:
            print(f"handbook: {err}", file=sys.stderr)
            return 2
    else:
        slug = slugify(args.name)
        path = content_dir / "groups" / f"{slug}.yml"
        text = templates.group(args.name, args.kind, args.timezone, args.part_of)
        taken = path.exists()
    if not slug:
        print("handbook: the title needs at least one letter or digit", file=sys.stderr)
        return 2
    if taken:
        print(f"handbook: {_relative(path, root)} already exists (a {args.kind} named `{slug}`); "
              "choose another title or edit that file", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    print(f"Wrote {_relative(path, root)}: fill it in, then run `handbook check`.")
    return 0


def docs_dir(root: Path) -> Path | None:
    """The content folder: mkdocs.yml's docs_dir, read without MkDocs, or `content/`."""
    config = root / "mkdocs.yml"
    name = DEFAULT_DOCS_DIR
    if config.is_file():
        match = re.search(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", config.read_text(encoding="utf-8"), re.MULTILINE)
        name = match.group(1) if match else "docs"
    folder = root / name
    return folder if folder.is_dir() else None


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


if __name__ == "__main__":
    sys.exit(main())
