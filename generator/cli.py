"""The `handbook` command: check content without building, start new files from templates,
rewrite the JSON Schemas after a change of format, describe a pull request's gatherings for its
reviewers, build or serve the site with the engine installed (`generator.engine`), and export the
site's sources for an engine without plugins.

Exit codes: 0 when all is well, 1 when content is wrong (or a file would be overwritten),
2 for usage errors (argparse's own convention): a missing argument, a folder that is not a
project, a `new` argument that would make a file that fails `check`.

Kept light on purpose: it imports the loaders and nothing of MkDocs, Markdown or iCalendar, so
an editor's pre-commit hook answers in well under a second.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import engine
from .calendar.clock_warnings import clock_warnings
from .content import formats, schemas, templates
from .content.groups import load_groups
from .content.load import load_content
from .content.times import Bad, localize, parse_duration, parse_when
from .core import clock
from .core.problems import Problem, problem_path
from .core.urls import is_reserved, slugify
from .project import UsageError, docs_dir, setting

MAX_NEW_SLUG = 60  # characters: a file name made from a long title is cut there


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and getattr(args, "engine_command", None):
        args.engine_args = unknown + args.engine_args  # the engine's own options: -d DIR, -q, ...
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return args.run(args)
    except UsageError as err:
        print(f"handbook: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `handbook check | head` is fine
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbook", description="Check, create, build and export handbook content.",
        epilog="Exit status: 0 all good, 1 the content has problems, 2 the command line is wrong.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate patterns, groups and events without building",
                                description="Print every problem in the content as `path:line: message`.")
    check.add_argument("root", nargs="?", default=".", help="the project folder (with mkdocs.yml); default: here")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="`github` prints the problems as annotations for the code host's CI")
    check.add_argument("--offline", action="store_true",
                       help="check the groups' calendar feeds from the cached copies alone, fetching nothing")
    check.set_defaults(run=run_check)

    new = commands.add_parser("new", help="write a new pattern, event or group from a template",
                              description="Write a file that passes `handbook check`; never overwrite one.")
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

    review = commands.add_parser("preview", help="the gatherings and groups changed since a git ref, in words",
                                 description="Print Markdown describing each event and group file added, "
                                             "changed or removed since BASE, for a pull request's reviewers.")
    review.add_argument("root", nargs="?", default=".", help="the project folder (with mkdocs.yml); default: here")
    review.add_argument("--base", required=True, help="the git ref to compare with, like origin/main")
    review.add_argument("--output", help="write the Markdown to this file instead of printing it")
    review.set_defaults(run=run_preview)

    rewrite = commands.add_parser("schemas", help="rewrite the JSON Schemas in the content folder from the formats",
                                  description="Write content/schemas/*.schema.json from the formats that `check` "
                                              "applies; run it after changing a format.")
    rewrite.add_argument("root", nargs="?", default=".", help="the project folder (with mkdocs.yml); default: here")
    rewrite.set_defaults(run=run_schemas)

    for name, what in (("build", "build the site with the engine (strict)"), ("serve", "serve the site, rebuilt on change")):
        run = commands.add_parser(name, help=f"{what}: MkDocs, or ProperDocs when it is the one installed or named",
                                  description=f"Run `{name}` of the engine that `--engine` or {engine.VARIABLE} "
                                              "names, or else of the first installed of: " + ", ".join(engine.ENGINES)
                                              + ". Other arguments go to the engine.")
        run.add_argument("--engine", choices=engine.ENGINES, help=f"the engine (default: ${engine.VARIABLE}, or the "
                                                                   "first one installed)")
        run.add_argument("engine_args", nargs=argparse.REMAINDER, help="passed on, e.g. -d DIR")
        run.set_defaults(run=run_engine, engine_command=name)

    out = commands.add_parser("export", help="write the site's sources for an engine without plugins",
                              description="Write DIR/mkdocs.yml, DIR/docs/ (every page as Markdown with its front "
                                          "matter, the feeds, map and schemas as files) and DIR/theme/: any "
                                          "Material-compatible engine builds DIR with its search plugin alone.")
    out.add_argument("dir", help="the folder to write (its docs/ and theme/ are replaced)")
    out.add_argument("--root", default=".", help="the project folder (with mkdocs.yml); default: here")
    out.set_defaults(run=run_export)
    return parser


# ---------------------------------------------------------------------------------------------
# check


def run_check(args) -> int:
    root = Path(args.root)
    content_dir = docs_dir(root)
    content = load_content(content_dir, root, calendar_settings(root, offline=args.offline))
    # Feeds that cannot be fetched or read are warnings: they are someone else's, not a mistake here.
    print_problems(content.warnings, args.format, "warning")
    print_problems(content.problems, args.format)
    for warning in clock_warnings(content, root, clock.now()):
        print(github_annotation(warning, "warning") if args.format == "github" else warning)
    if content.problems:
        files = len({p.path for p in content.problems})
        print(f"{len(content.problems)} problem(s) in {files} file(s)", file=sys.stderr)
        return 1
    print(f"All good: {len(content.patterns)} patterns, {len(content.groups)} groups, "
          f"{len(content.events)} events, {len(content.paths)} paths, {len(content.glossary)} glossary terms", file=sys.stderr)
    return 0


def print_problems(problems: list[Problem], output_format: str, level: str = "error") -> None:
    for problem in problems:
        if output_format == "github":
            print(github_annotation(problem, level))
        else:
            print(problem if level == "error" else f"{problem.path}:{problem.line}: {level}: "
                  + (f"{problem.message}; {problem.hint}" if problem.hint else problem.message))


def calendar_settings(root: Path, offline: bool = False):
    """How `check` imports the groups' calendars: as the build does, with mkdocs.yml's site_url
    (whose UIDs a feed may not take) and `HANDBOOK_CALENDARS=offline` honoured."""
    from .content.imported import Settings, offline_from_environment

    option = functools.partial(_calendar_plugin_setting, root)
    return Settings(root=root.resolve(), now=clock.now(),
                    offline=offline or offline_from_environment() or option("calendars_offline", "false") == "true",
                    timeout=int(option("calendars_timeout", str(Settings.timeout))),
                    max_bytes=int(option("calendars_max_mb", str(Settings.max_bytes // 1_000_000))) * 1_000_000,
                    past_days=int(option("past_days", str(Settings.past_days))),
                    site_url=setting(root, "site_url") or "")


def _calendar_plugin_setting(root: Path, key: str, default: str) -> str:
    """One of the calendar plugin's settings in mkdocs.yml (the lines indented under
    `- handbook-calendar:`), read as `_setting` reads the top level: a number or a word."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return default
    block = re.search(r"^([ \t]*)- handbook-calendar:[ \t]*\n((?:\1[ \t]+\S.*\n|[ \t]*\n)*)", text, re.MULTILINE)
    found = re.search(rf"^[ \t]+{key}:[ \t]*([A-Za-z0-9]+)[ \t]*(?:#.*)?$", block.group(2), re.MULTILINE) if block else None
    return found.group(1).lower() if found else default


def github_annotation(problem: Problem, level: str = "error") -> str:
    """`::error file=...,line=...::message` (or `::warning`), escaped as the workflow command
    syntax asks."""
    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    message = f"{problem.message}; {problem.hint}" if problem.hint else problem.message
    return f"::{level} file={prop(problem.path)},line={problem.line},title=handbook check::{data(message)}"


# ---------------------------------------------------------------------------------------------
# new


def run_new(args) -> int:
    root = Path(args.root)
    content_dir = docs_dir(root, must_exist=False)
    if args.kind == "pattern":
        slug = _slug_for(args.title, functools.partial(is_reserved, "pattern"), "pattern")
        path = content_dir / "patterns" / f"{slug}.md"
        text = templates.pattern(args.title.strip(), args.scale)
        taken = [path] if path.exists() else []
    elif args.kind == "event":
        slug = _slug_for(args.title, functools.partial(is_reserved, "event"), "event")
        start = _check_event_arguments(args, content_dir, root)
        path = content_dir / "events" / args.group / f"{slug}.yml"
        taken = sorted((content_dir / "events").rglob(f"{slug}.yml"))
        text = templates.event(args.title.strip(), args.group, start, args.duration.strip(),
                               schema=schema_url(root, content_dir, path, "event"))
    else:
        slug = _slug_for(args.name, "index".__eq__, "group")
        _check_group_arguments(args, content_dir, root)
        path = content_dir / "groups" / f"{slug}.yml"
        taken = [path] if path.exists() else []
        text = templates.group(args.name.strip(), args.kind, args.timezone, args.part_of,
                               schema=schema_url(root, content_dir, path, "group"))
    if taken:
        print(f"handbook: {problem_path(taken[0], root)} already exists (a {args.kind} named `{slug}`); "
              "choose another title or edit that file", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    print(f"Wrote {problem_path(path, root)}: fill it in, then run `handbook check`.")
    return 0


def _slug_for(title: str, reserved, kind: str) -> str:
    if "\n" in title or "\r" in title:
        raise UsageError(f"the {kind}'s title must be one line")
    slug = slugify(title)[:MAX_NEW_SLUG].rstrip("-")
    if not slug:
        raise UsageError("the title needs at least one letter or digit (the file name is made from it)")
    if reserved(slug):
        raise UsageError(f"`{slug}` is an address the site uses for its own pages; choose another title")
    return slug


def _check_event_arguments(args, content_dir: Path, root: Path) -> date | datetime:
    """Refuse arguments that would make the event file fail `check`, saying which and why; the
    start, read as the event file's `start` is read."""
    groups, _ = load_groups(content_dir, root)
    if args.group not in groups:
        hint = formats.did_you_mean(args.group, groups) or (
            "the groups are: " + ", ".join(sorted(groups)) if groups else "create it first: handbook new group")
        if (content_dir / "groups" / f"{args.group}.yml").is_file():
            hint = "its file has problems: run `handbook check` and fix it first"
        raise UsageError(f"--group: no group `{args.group}`; {hint}")
    try:
        start = parse_when(args.start.strip())
        if isinstance(start, datetime):
            localize(start, ZoneInfo(groups[args.group].timezone))
    except Bad as bad:
        raise UsageError(f"--start: {bad.message}; {bad.hint}") from None
    if isinstance(start, datetime):
        try:
            parse_duration(args.duration)
        except Bad as bad:
            raise UsageError(f"--duration: {bad.message}; {bad.hint}") from None
    return start


def _check_group_arguments(args, content_dir: Path, root: Path) -> None:
    problem = formats.timezone_problem(args.timezone)
    if problem:
        raise UsageError(f"--timezone: {problem[0]}; {problem[1]}")
    if args.part_of is None:
        return
    if args.kind != "crew":
        raise UsageError("--part-of is for crews: a congregation is made of crews")
    groups, _ = load_groups(content_dir, root)
    congregations = sorted(slug for slug, group in groups.items() if group.kind == "congregation")
    if args.part_of not in congregations:
        hint = formats.did_you_mean(args.part_of, congregations) or (
            "the congregations are: " + ", ".join(congregations) if congregations else "there is no congregation yet")
        raise UsageError(f"--part-of: no congregation `{args.part_of}`; {hint}")


# ---------------------------------------------------------------------------------------------
# preview


def run_preview(args) -> int:
    """Exit 0 even when files have problems: the preview says so, and `check` is what fails."""
    from .pages import review

    root = Path(args.root)
    content_dir = docs_dir(root)
    try:
        changes = review.changed_files(root, args.base, content_dir)
        old = review.content_at(root, args.base, content_dir)
    except review.GitError as err:
        raise UsageError(f"--base {args.base}: {err}") from None
    markdown = review.preview(changes, old, load_content(content_dir, root), clock.now())
    if args.output:
        Path(args.output).write_text(markdown, encoding="utf-8")
    else:
        sys.stdout.write(markdown)
    return 0


# ---------------------------------------------------------------------------------------------
# schemas


def run_schemas(args) -> int:
    root = Path(args.root)
    folder = docs_dir(root) / schemas.FOLDER
    for path in schemas.write(folder, setting(root, "site_url") or ""):
        print(f"wrote {problem_path(path, root)}")
    return 0


# ---------------------------------------------------------------------------------------------
# build, serve, export


def run_engine(args) -> int:
    try:
        name = args.engine or engine.name()
    except engine.EngineError as err:
        raise UsageError(str(err)) from None
    extra = [arg for arg in args.engine_args if arg != "--"]
    if args.engine_command == "build" and "--strict" not in extra:
        extra.insert(0, "--strict")
    if args.engine_command == "serve" and "--livereload" not in extra and "--no-livereload" not in extra:
        extra.insert(0, "--livereload")  # Click > 8.2.1 turned it off by default (mkdocs#4032)
    return subprocess.run(engine.command(args.engine_command, *extra, engine=name)).returncode


def run_export(args) -> int:
    from .core import clock
    from .site.export import ExportError, export  # the whole site's code: only for this command

    root, dest = Path(args.root), Path(args.dir)
    if dest.resolve() == root.resolve():
        raise UsageError(f"{dest} is the project folder; export into a folder of its own")
    try:
        done = export(root, dest, clock.now())
    except ExportError as err:
        print_problems(err.problems, "text")
        print(f"{len(err.problems)} problem(s): nothing exported; `handbook check` lists them", file=sys.stderr)
        return 1
    if not done.history.complete:
        print(f"note: git history is incomplete ({done.history.reason}): SEQUENCE falls back to the build time",
              file=sys.stderr)
    print(f"wrote {done.pages} pages and {done.files} files to {dest}; build it with: "
          f"cd {dest} && mkdocs build --strict (or properdocs, or zensical build)")
    return 0


# ---------------------------------------------------------------------------------------------
# the project


def schema_url(root: Path, content_dir: Path, path: Path, kind: str) -> str:
    """Where editors' YAML language servers find the format of a new file: the published schema
    when the site has an address, else the committed copy, relative to the file itself."""
    site_url = setting(root, "site_url")
    if site_url and re.match(r"^https?://", site_url):
        return f"{site_url.rstrip('/')}/{schemas.FOLDER}/{schemas.file_name(kind)}"
    target = content_dir / schemas.FOLDER / schemas.file_name(kind)
    return Path(_posix_relpath(target, path.parent)).as_posix()


def _posix_relpath(target: Path, start: Path) -> str:
    return os.path.relpath(target.resolve(), start.resolve()).replace("\\", "/")


if __name__ == "__main__":
    sys.exit(main())
