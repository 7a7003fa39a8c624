"""One `mkdocs build`, in this process, with a timer around every event method of our plugins.

Run by `benchmarks/run.py` in a fresh interpreter for each build, so no cache survives from one
build to the next:

    python benchmarks/timed_build.py PROJECT SITE_DIR RESULT.json [--dump DIR] [--profile FILE]

It builds as `mkdocs build --strict --clean` does (load_config, on_startup, build, on_shutdown)
and writes RESULT.json: wall and CPU seconds of the whole build, of each phase MkDocs goes
through, of each of our plugins' event methods, and of a few generator/ functions worth seeing
alone. `--dump` writes every file our plugins generated into DIR (for the plain build of the same
pages); `--profile` runs the build under cProfile and saves the statistics.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import json
import logging
import os
import sys
import time
from collections import defaultdict
from importlib.metadata import entry_points
from pathlib import Path

import plugins.engine  # noqa: F401  (on ProperDocs alone, the `mkdocs.*` imports below resolve to it)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# What the timers found: label -> [wall seconds, CPU seconds, calls]
TIMES: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
# generator/ functions timed on their own, as `module:attribute`, wherever they are looked up from.
DETAILS = {
    "load_content": ["plugins.shared:load_content"],
    "read_history (git)": ["plugins.feeds.plugin:read_history"],
    "feeds.build": ["generator.feeds.build:build"],
    "Calendar.build": ["generator.pages.calendar:Calendar.build"],
    "calendar all_pages": ["plugins.calendar.plugin:all_pages"],
    "PatternGraph.build": ["generator.content.patterns:PatternGraph.build"],
}


def _timed(label: str, function):
    @functools.wraps(function)  # keeps `mkdocs_priority`, which MkDocs reads from the function
    def wrapper(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            entry = TIMES[label]
            entry[0] += time.perf_counter() - wall
            entry[1] += time.process_time() - cpu
            entry[2] += 1
    return wrapper


def our_plugin_classes() -> dict[str, type]:
    """Every MkDocs plugin this repository registers (entry points into `plugins.`)."""
    found = {}
    for point in entry_points(group="mkdocs.plugins"):
        if point.value.startswith("plugins."):
            found[point.name] = point.load()
    return found


def install_timers() -> None:
    """Wrap the event methods of our plugin classes before MkDocs registers them."""
    for name, cls in our_plugin_classes().items():
        for attribute, value in list(vars(cls).items()):
            if attribute.startswith("on_") and callable(value):
                setattr(cls, attribute, _timed(f"plugin {name}.{attribute}", value))
    for label, places in DETAILS.items():
        for place in places:
            module_name, _, dotted = place.partition(":")
            try:
                owner = importlib.import_module(module_name)
                *parents, attribute = dotted.split(".")
                for parent in parents:
                    owner = getattr(owner, parent)
                original = getattr(owner, attribute)
            except (ImportError, AttributeError):
                continue  # moved or renamed: the detail row is simply missing
            if isinstance(vars(owner).get(attribute), classmethod):
                setattr(owner, attribute, classmethod(_timed(f"detail {label}", original.__func__)))
            else:
                setattr(owner, attribute, _timed(f"detail {label}", original))


# Page settings our plugins give generated pages that change MkDocs' and Material's own work (a
# page left out of search is not indexed): the plain copy of a page carries them as front matter.
NATIVE_META = ("search", "hide")


def _phase_plugin(dump: Path | None):
    """A plugin that notes when MkDocs enters each phase, and can dump the generated files."""
    from mkdocs.plugins import BasePlugin, event_priority


    marks: dict[str, float] = {}
    generated: dict[str, bytes] = {}
    meta: dict[str, dict] = {}

    def mark(name):
        marks.setdefault(name, time.perf_counter())
        marks.setdefault(name + ":cpu", time.process_time())

    class Phases(BasePlugin):
        @event_priority(10_000)
        def on_files(self, files, *, config):
            mark("files")
            return files

        @event_priority(-10_000)
        def on_nav(self, nav, *, config, files):
            mark("pages")  # reading and converting Markdown comes next
            if dump is not None:
                generated.update({file.src_uri: file.content_bytes for file in files
                                  if getattr(file, "generated_by", None) and file.inclusion.is_included()})
            return nav

        @event_priority(-10_000)
        def on_page_markdown(self, markdown, *, page, config, files):
            if page.file.src_uri in generated:
                found = {key: page.meta[key] for key in NATIVE_META if key in page.meta}
                if found:
                    meta[page.file.src_uri] = found
            return markdown

        @event_priority(10_000)
        def on_env(self, env, *, config, files):
            mark("render")  # copying static files and rendering every page with Jinja
            return env

        @event_priority(10_000)
        def on_post_build(self, *, config):
            mark("post_build")
            if dump is not None:
                _dump_generated(generated, meta, dump)

    return Phases(), marks


def _dump_generated(generated: dict[str, bytes], meta: dict[str, dict], dump: Path) -> None:
    """Every file a plugin generated, as the source file a plain site would have instead."""
    for src_uri, data in generated.items():
        target = dump / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if src_uri in meta and not data.startswith(b"---"):
            data = b"---\n" + json.dumps(meta[src_uri]).encode() + b"\n---\n" + data
        target.write_bytes(data)


def build(project: Path, site: Path, dump: Path | None) -> dict:
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config


    wall, cpu = time.perf_counter(), time.process_time()
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    phases, marks = _phase_plugin(dump)
    config.plugins["benchmark-phases"] = phases
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build.build(config, dirty=False)
    finally:
        config.plugins.on_shutdown()
    marks["end"], marks["end:cpu"] = time.perf_counter(), time.process_time()
    order = ["start", "files", "pages", "render", "post_build", "end"]
    marks["start"], marks["start:cpu"] = wall, cpu
    phase_times = {}
    for first, then in zip(order, order[1:]):
        if first in marks and then in marks:
            phase_times[f"{first}->{then}"] = [marks[then] - marks[first], marks[then + ":cpu"] - marks[first + ":cpu"]]
    return {
        "wall": marks["end"] - wall,
        "cpu": marks["end:cpu"] - cpu,
        "phases": phase_times,
        "timers": {label: list(values) for label, values in sorted(TIMES.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--dump", type=Path, help="write the files our plugins generate here")
    parser.add_argument("--profile", type=Path, help="save cProfile statistics here")
    parser.add_argument("--no-timers", action="store_true", help="build without wrapping our plugins")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not args.no_timers:
        install_timers()
    if args.profile:
        profiler = cProfile.Profile()
        result = profiler.runcall(build, args.project, args.site, args.dump)
        profiler.dump_stats(str(args.profile))
    else:
        result = build(args.project, args.site, args.dump)
    args.result.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
