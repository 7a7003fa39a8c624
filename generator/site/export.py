"""`handbook export DIR`: the whole site's sources in a folder that any Material-compatible
engine builds with its built-in search plugin alone, the way out should the plugin API go.

DIR gets `mkdocs.yml` (the project's, with `docs_dir: docs`, `plugins: [search]` and the theme
overrides beside it), `docs/` with every hand-written page (patterns and paths as the plugins
augment them: `sources.written_page`), every generated page as Markdown with its front matter,
the feeds, map, QR codes and schemas as static files, and `.nojekyll`; and `theme/`, the
overrides, less the partials copied from Material (`MATERIAL_COPIES`), which another engine's
Material must draw its own way.
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml
from ruamel.yaml import YAML

from .. import project
from ..content import front_matter
from ..content.glossary import SOURCE as GLOSSARY_SOURCE
from ..content.glossary import inert_snippet_lines
from ..content.load import load_content
from ..core.model import Content
from ..core.problems import Problem
from ..core.serving import HEADERS_FILE, headers_file
from ..feeds.history import History
from . import sources
from .settings import Settings, from_mkdocs_yml, import_settings

DOCS = "docs"
THEME = "theme"
# Partials of the theme that are Material's own with one change (see each file): an engine with
# its own Material (Zensical) needs its own, so the export leaves them out.
MATERIAL_COPIES = ("partials/palette.html", "partials/search.html", "partials/source.html")


class ExportError(Exception):
    """The content has problems: nothing is exported."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems


@dataclass(frozen=True)
class Exported:
    pages: int
    files: int
    history: History


def export(root: Path, dest: Path, now: datetime) -> Exported:
    data = project.mkdocs_yml(root)
    docs_dir = project.docs_dir(root)
    settings = from_mkdocs_yml(data, root.resolve(), docs_dir.resolve())
    content = load_content(docs_dir, root, import_settings(settings, now))
    if content.problems:
        raise ExportError(content.problems)
    calendar = sources.calendar_of(content, settings, now) if settings.calendar else None
    history = sources.feed_history(root, docs_dir, content, now)
    parts = [sources.patterns_part(content, settings) if settings.patterns else None,
             sources.paths_part(content, settings) if settings.paths else None,
             sources.glossary_part(content, settings) if settings.glossary else None,
             sources.calendar_part(calendar, settings) if calendar else None,
             sources.feeds_part(content, settings, now, history, sources.previous_feed(root, settings))
             if settings.feeds else None,
             sources.schemas_part(settings) if settings.editors and settings.editors.schemas else None,
             sources.form_data_part(content, settings) if settings.editors and settings.editors.schemas else None]
    out = dest / DOCS
    if out.exists():
        shutil.rmtree(out)
    pages = _write_written(docs_dir, out, content, settings, calendar)
    files = 0
    hidden = []
    for part in filter(None, parts):
        hidden += [page.path for page in part.pages if not page.in_nav]
        for page in part.pages:
            _write(out / page.path, page.text())
        for static in part.files:
            _write(out / static.path, static.data)
        pages += len(part.pages)
        files += len(part.files)
    _write(out / ".nojekyll", b"")  # GitHub Pages: serve every file as it is, without Jekyll
    if settings.feeds:
        _write(out / HEADERS_FILE, headers_file())  # the feeds' type and charset, for hosts that read it
    _copy_theme(root, data, dest / THEME)
    _write(dest / "mkdocs.yml", plain_mkdocs_yml(root, docs_dir, settings, hidden))
    return Exported(pages, files, history)


def _write_written(docs_dir: Path, out: Path, content: Content, settings: Settings, calendar) -> int:
    """Every hand-written file the site publishes; Markdown pages as the plugins augment them."""
    pages = 0
    for src_uri in sorted(content.published) + [GLOSSARY_SOURCE]:
        source = docs_dir / src_uri
        if not source.is_file():
            continue
        if not src_uri.endswith(".md") or src_uri == GLOSSARY_SOURCE:
            _write(out / src_uri, source.read_bytes())
            continue
        pages += 1
        text = front_matter.as_mkdocs_reads(source.read_text(encoding="utf-8-sig"))
        split = front_matter.split(text)
        meta = (yaml.safe_load(split.yaml) or {}) if split.yaml is not None else {}
        augmented = sources.written_page(src_uri, meta, split.body if split.yaml is not None else text,
                                         content, settings, calendar)
        if augmented is not None:
            meta, body = augmented.meta, augmented.markdown
        else:
            body = split.body if split.yaml is not None else text
        body, _ = sources.contribute_markers(body, settings)
        if "8<" in body:
            body = inert_snippet_lines(body)
        _write(out / src_uri, sources.front_matter(meta) + body)
    return pages


def _copy_theme(root: Path, data: dict, dest: Path) -> None:
    custom = (data.get("theme") or {}).get("custom_dir") if isinstance(data.get("theme"), dict) else None
    if dest.exists():
        shutil.rmtree(dest)
    if not custom:
        dest.mkdir(parents=True)
        return
    shutil.copytree(root / custom, dest, ignore=lambda folder, names: [
        name for name in names
        if os.path.relpath(os.path.join(folder, name), root / custom).replace(os.sep, "/") in MATERIAL_COPIES])


def plain_mkdocs_yml(root: Path, docs_dir: Path, settings: Settings, not_in_nav: list[str]) -> str:
    """The project's mkdocs.yml (comments kept) for the exported folder: the docs and theme beside
    it, no plugin but search, and the generated pages reached by links only kept out of the nav."""
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096
    config = rt.load((root / "mkdocs.yml").read_text(encoding="utf-8-sig"))
    config["docs_dir"] = DOCS
    if isinstance(config.get("theme"), dict) and config["theme"].get("custom_dir"):
        config["theme"]["custom_dir"] = THEME
    search = [entry for entry in config.get("plugins") or [] if entry == "search"
              or (isinstance(entry, dict) and "search" in entry)]
    config["plugins"] = search or ["search"]
    config["exclude_docs"] = (config.get("exclude_docs") or "") + "!/.nojekyll\n"
    if not_in_nav:
        config["not_in_nav"] = "".join(f"/{path}\n" for path in sorted(not_in_nav))
    for wanted, script in ((settings.calendar, sources.CALENDAR_SCRIPT), (settings.feeds, sources.FEEDS_SCRIPT)):
        if wanted and script not in (config.get("extra_javascript") or []):
            config["extra_javascript"] = [*(config.get("extra_javascript") or []), script]
    docs_name = os.path.relpath(docs_dir.resolve(), root.resolve()).replace(os.sep, "/")
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            options = entry["pymdownx.snippets"]
            bases = options.get("base_path", ["."])
            options["base_path"] = [_moved(base, docs_name) for base in ([bases] if isinstance(bases, str) else bases)]
    out = io.StringIO()
    rt.dump(config, out)
    return out.getvalue()


def _moved(base: str, docs_name: str) -> str:
    """A path of the project's docs folder, as the exported folder has it."""
    if base == docs_name or base.startswith(docs_name + "/"):
        return DOCS + base[len(docs_name):]
    return base


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
