"""No broken internal link or anchor anywhere in the shipped site.

Takes the real site (content/, mkdocs.yml, theme/) as built once a session (`shipped_site`), reads
every HTML page with BeautifulSoup and follows every link that stays on the site: relative links, links to the
site's own address (canonical links, feeds) and webcal links to its feeds. A link to a page
that was not built, or to a #fragment that no element on the target page has as its id, fails
with the page it was found on.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from sitebuild import SITE_URL, read_html

# Attributes that point at something the browser fetches or the reader follows.
LINK_ATTRIBUTES = {
    "a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
    "iframe": "src", "source": "src", "audio": "src", "video": "src", "form": "action",
}


class Site:
    """The built site on disk, read the way a static web server serves it."""

    def __init__(self, folder: Path, public: str):
        self.folder = folder
        public_parts = urlsplit(public)
        self.host = public_parts.netloc
        self.base_path = public_parts.path if public_parts.path.endswith("/") else public_parts.path + "/"

    def pages(self) -> list[Path]:
        return sorted(self.folder.rglob("*.html"))

    def url_of(self, file: Path) -> str:
        relative = file.relative_to(self.folder).as_posix()
        if relative == "index.html":
            relative = ""
        elif relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return "http://site" + self.base_path + relative

    def internal_target(self, page_url: str, link: str) -> str | None:
        """The absolute internal URL a link leads to, or None for a link off the site."""
        link = link.strip()
        parts = urlsplit(link)
        if parts.scheme in ("http", "https", "webcal") and parts.netloc == self.host:
            link = "http://site" + parts.path + ("#" + parts.fragment if parts.fragment else "")
        elif parts.scheme or parts.netloc:
            return None  # mailto:, other hosts, data:, javascript:
        return urljoin(page_url, link)

    def file_for(self, url: str) -> Path | None:
        path = unquote(urlsplit(url).path)
        if not path.startswith(self.base_path):
            return None
        target = self.folder / path[len(self.base_path):]
        if path.endswith("/"):
            target = target / "index.html"
        elif target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    @cache  # noqa: B019 (a few Sites per test run; the cache ends with the process)
    def ids(self, file: Path) -> frozenset[str]:
        soup = read_html(file)
        found = {tag["id"] for tag in soup.find_all(id=True)}
        found |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
        return frozenset(found)


def broken_links(site: Site) -> list[str]:
    broken = []
    for file in site.pages():
        page_url = site.url_of(file)
        soup = read_html(file)
        where = file.relative_to(site.folder).as_posix()
        for tag_name, attribute in LINK_ATTRIBUTES.items():
            for tag in soup.find_all(tag_name, attrs={attribute: True}):
                link = tag[attribute]
                target = site.internal_target(page_url, link)
                if target is None:
                    continue
                target_file = site.file_for(target)
                if target_file is None:
                    broken.append(f"{where}: <{tag_name} {attribute}={link!r}> leads to no file")
                    continue
                fragment = unquote(urlsplit(target).fragment)
                if fragment and target_file.suffix == ".html" and fragment not in site.ids(target_file):
                    broken.append(f"{where}: <{tag_name} {attribute}={link!r}> names #{fragment}, which is not on that page")
    return broken


def test_every_internal_link_and_anchor_leads_somewhere(shipped_site):
    # Links starting with the public address in mkdocs.yml are links into the site.
    built = Site(shipped_site.site, SITE_URL)
    assert len(built.pages()) > 50, "the site was not built with its content"
    broken = broken_links(built)
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:60])


def test_the_checker_sees_a_broken_link_and_a_broken_anchor(tmp_path):
    # The walk must be able to fail: a missing page and a missing anchor are both reported,
    # while a good link, an anchor that exists and an outside link are not.
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">Here</h2><a href="../b/">b</a><a href="#here">ok</a><a href="#gone">x</a>'
        '<a href="https://elsewhere.example/">out</a><a href="https://site.example/a/#here">self</a>'
        '<a href="webcal://site.example/feeds/none.ics">feed</a>',
        encoding="utf-8",
    )
    broken = broken_links(Site(tmp_path, "https://site.example/"))
    assert len(broken) == 3, broken
    assert any("'../b/'" in line for line in broken)
    assert any("#gone" in line for line in broken)
    assert any("none.ics" in line for line in broken)
