"""Compare two builds of the handbook: the plugin build and a build by another engine (ProperDocs,
or any engine building `handbook export`). Used by tests/test_export.py and by CI's Zensical canary:

    python tests/sitecompare.py SITE OTHER [--search QUERY]

prints the page counts, the data files (feeds, map, QR codes, schemas) that differ, the pages whose
article text differs, and with --search whether OTHER's search answers QUERY in headless Chromium;
exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

# Files that are data, not pages: every engine must publish them byte for byte.
DATA_SUFFIXES = (".ics", ".svg", ".json")


@dataclass
class Comparison:
    pages: int = 0
    other_pages: int = 0
    missing: list[str] = field(default_factory=list)  # pages or data files the other build lacks
    extra: list[str] = field(default_factory=list)  # pages the other build has and we do not
    data: int = 0
    data_differ: list[str] = field(default_factory=list)
    text_differ: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.missing or self.extra or self.data_differ or self.text_differ)

    def lines(self) -> list[str]:
        return [f"pages: {self.pages} built with the plugins, {self.other_pages} by the other engine",
                f"missing there: {self.missing or 'none'}", f"only there: {self.extra or 'none'}",
                f"data files: {self.data}, differing: {self.data_differ or 'none'}",
                f"pages whose article text differs: {self.text_differ or 'none'}"]


def files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def data_files(names: set[str]) -> list[str]:
    """Ours, not an engine's: its assets and search index are its own business."""
    return sorted(name for name in names if name.endswith(DATA_SUFFIXES) and not name.startswith(("assets/", "search")))


def article_text(page: Path) -> str | None:
    """The characters of the page's article, white space left out: the handbook's search plugin
    puts white space between block elements (`search_index.space_visual_breaks`), which a build
    without it does not, and a reader sees the same text either way."""
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
    return "".join(article.get_text().split()) if article is not None else None


def compare(site: Path, other: Path) -> Comparison:
    ours, theirs = files(site), files(other)
    pages = {name for name in ours if name.endswith(".html")}
    other_pages = {name for name in theirs if name.endswith(".html")}
    data = data_files(ours)
    return Comparison(
        pages=len(pages), other_pages=len(other_pages),
        missing=sorted((pages | set(data)) - theirs), extra=sorted(other_pages - pages), data=len(data),
        data_differ=[name for name in data if name in theirs and (site / name).read_bytes() != (other / name).read_bytes()],
        text_differ=[name for name in sorted(pages & other_pages)
                     if name != "404.html" and article_text(site / name) != article_text(other / name)])


def search_answers(site: Path, query: str) -> bool:
    """Whether the site's own search lists a result for `query`, served over HTTP, in Chromium."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/")
            if page.locator(".md-search__button").count():  # Zensical's search: a dialog with a combobox
                page.click(".md-search__button")
                page.locator("input[role=combobox]").first.type(query, delay=50)
                result = "[role=option]"
            else:  # Material for MkDocs: on a wide screen the box is in the header
                page.click(".md-search__input")
                page.type(".md-search__input", query, delay=50)
                result = ".md-search-result__item"
            try:
                page.wait_for_selector(result, state="attached", timeout=15_000)
                return True
            except Exception:
                return False
            finally:
                browser.close()
    finally:
        server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the plugin build")
    parser.add_argument("other", type=Path, help="the other engine's build")
    parser.add_argument("--search", metavar="QUERY", help="also check that OTHER's search finds QUERY")
    args = parser.parse_args(argv)
    result = compare(args.site, args.other)
    print("\n".join(result.lines()))
    same = result.same
    if args.search:
        found = search_answers(args.other, args.search)
        print(f"search for {args.search!r}: {'answers' if found else 'NO ANSWER'}")
        same = same and found
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
