"""Build synthetic handbooks of several sizes and print how long it took and how big they came out.

    python benchmarks/run.py --sizes 100x1000 300x2500 300x5000

A size is PATTERNSxEVENTS. For each size, in a temporary folder, it:

1. writes a synthetic handbook (`benchmarks/synthetic.py`) and commits it to a new git repository,
   so the feeds read history as they do in a deploy;
2. times `handbook check` on it;
3. builds it with our plugins (`benchmarks/timed_build.py`: `mkdocs build --strict` in a fresh
   interpreter, with a timer around every event method of our plugins), and keeps every file the
   plugins generated;
4. builds the plain site of the same pages: the same mkdocs.yml without our plugins, the pattern
   Markdown files as they are, and every page and file our plugins generated written out as an
   ordinary source file (same path, same Markdown, so MkDocs converts, renders and indexes the
   same pages; a page our plugins leave out of search or hide the table of contents of says so
   in front matter; only our plugins' work and our page templates are missing). Our build hands
   the calendar's pages to MkDocs as finished HTML (`generator/pages/page_html.py`), which
   `tests/test_page_html.py` shows is what Markdown makes of them; the plain build converts
   their Markdown, as a site without our plugins must;
5. builds both again side by side, one on each core (`--pairs`, 3 by default), and takes the
   median of their CPU ratios as our overhead: this machine's speed drifts by a third and more
   from minute to minute, which builds taken in turn meet unequally and builds side by side meet
   together;
6. measures both sites.

Then it prints one table per size, a table across sizes with the ratio to the previous column
(run two sizes whose events double to see whether costs grow linearly), and the targets of issue 7
with whether each holds. The machine's load is printed with each build: repeat (`--repeat`) when
other work shares the CPU; the build with the least CPU time counts. CPU time is the steadier
measure on a shared machine: wall time there counts the waits for the other work too.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import DEFAULT_EPOCH, Size, write_handbook  # noqa: E402

KB = 1024
MB = 1024 * 1024
PAGE_LIMIT = 100 * 1000  # bytes of HTML, before compression
OVERHEAD_LIMIT = 0.10
FEED_LIMIT = 1.0
CHECK_LIMIT = 3.0


@dataclass
class SiteStats:
    bytes: int = 0
    files: int = 0
    html_pages: int = 0
    largest: list[tuple[int, str]] = field(default_factory=list)  # (bytes, url), largest first
    over_limit: int = 0
    search_index: int = 0
    all_ics: int = 0
    nav_links: int = 0  # navigation links in one event page


@dataclass
class Result:
    size: str
    patterns: int
    groups: int
    events: int
    recurring: int
    load: str
    check: float
    check_cpu: float
    build_wall: float
    build_cpu: float
    plain_wall: float
    plain_cpu: float
    plugins_wall: float
    plugins_cpu: float
    timers: dict
    phases: dict
    plain_phases: dict
    site: SiteStats
    plain_site: SiteStats
    pair_ratios: list[float] = field(default_factory=list)  # handbook CPU / plain CPU, built side by side

    @property
    def overhead(self) -> float:
        return self.build_wall / self.plain_wall - 1

    @property
    def overhead_cpu(self) -> float:
        return self.build_cpu / self.plain_cpu - 1

    @property
    def pair_overhead(self) -> float | None:
        """The median of the side-by-side ratios: the figure that drift cannot move."""
        if not self.pair_ratios:
            return None
        return statistics.median(self.pair_ratios) - 1

    def timer(self, label: str) -> float:
        return self.timers.get(label, [0.0])[0]


# ---------------------------------------------------------------------------------------------
# Running things


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f}/{five:.2f}"


def environment() -> dict:
    # The code next to this script is measured, even when another copy is installed.
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH), "PYTHONPATH": path}


def commit_all(project: Path) -> None:
    """A repository with one commit, as a deploy checkout has (history read in full)."""
    date = "2026-11-01T12:00:00+00:00"
    env = {**environment(), "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    git = ["git", "-c", "user.name=Benchmark", "-c", "user.email=benchmark@example.org", "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "synthetic handbook"]):
        subprocess.run(git + args, cwd=project, env=env, check=True, capture_output=True)


def handbook_command() -> list[str]:
    script = Path(sys.executable).parent / "handbook"
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator.cli"]


def time_check(project: Path, repeat: int) -> tuple[float, float]:
    """Wall and CPU seconds of `handbook check` as a user runs it (interpreter start included);
    the run with the least CPU time counts."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(handbook_command() + ["check", str(project)], env=environment(),
                              capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, (wall, cpu), key=lambda pair: pair[1])
        if done.returncode != 0:
            raise SystemExit(f"handbook check failed on the synthetic handbook:\n{done.stdout}{done.stderr}")
    return best


def start_build(project: Path, site: Path, out: Path, *extra: str) -> subprocess.Popen:
    """`timed_build.py` in a fresh interpreter; its output goes to a log next to the result (a
    pipe nobody reads while another build runs could stall it)."""
    command = [sys.executable, str(HERE / "timed_build.py"), str(project), str(site), str(out), *extra]
    with open(out.with_suffix(".log"), "w") as log:
        return subprocess.Popen(command, cwd=project, env=environment(), stdout=log, stderr=subprocess.STDOUT)


def finish_build(process: subprocess.Popen, project: Path, out: Path) -> dict:
    if process.wait() != 0:
        raise SystemExit(f"the build of {project} failed:\n{out.with_suffix('.log').read_text()}")
    return json.loads(out.read_text())


def timed_build(project: Path, site: Path, out: Path, *extra: str) -> dict:
    return finish_build(start_build(project, site, out, *extra), project, out)


def one_build(project: Path, site: Path, out: Path, extra: list[str], label: str) -> dict:
    before = load()
    speed = calibrate()
    result = timed_build(project, site, out, *extra)
    result["load"] = f"{before}, calibration {speed:.3f} s"
    print(f"  {label} build: {result['wall']:.2f} s wall, {result['cpu']:.2f} s CPU, load {before}, "
          f"calibration {speed:.3f} s", file=sys.stderr, flush=True)
    return result


def side_by_side(project: Path, plain: Path, folder: Path) -> tuple[dict, dict]:
    """Both builds at once, one on each core: whatever speed the machine has in that minute,
    both have it, so their ratio holds where builds taken in turn drift apart."""
    runs = []
    for name, where, extra in (("handbook", project, []), ("plain", plain, ["--no-timers"])):
        out = folder / f"pair-{name}.json"
        runs.append((start_build(where, folder / f"pair-{name}-site", out, *extra), where, out))
    real, plain_result = (finish_build(process, where, out) for process, where, out in runs)
    print(f"  side by side: handbook {real['cpu']:.2f} s CPU, plain {plain_result['cpu']:.2f} s CPU "
          f"({real['cpu'] / plain_result['cpu'] - 1:+.1%})", file=sys.stderr, flush=True)
    return real, plain_result


def calibrate() -> float:
    """CPU seconds of a fixed piece of pure Python, just before a build. A shared machine runs
    the same work at different speeds from one minute to the next (by a third and more, here):
    builds are only comparable when their calibrations are close."""
    start = time.process_time()
    total = 0
    for number in range(300_000):
        total += len(str(number * 7)) + (number % 13)
    text = ",".join(str(n) for n in range(50_000))
    total += sum(len(part) for part in text.split(","))
    return time.process_time() - start


def fastest(results: list[dict]) -> dict:
    """The build least disturbed by other work: the least CPU time (wall time follows the load)."""
    return min(results, key=lambda result: result["cpu"])


# ---------------------------------------------------------------------------------------------
# The plain site of the same pages


def plain_project(project: Path, dump: Path, plain: Path) -> None:
    """Our site's pages without our plugins: see the module's docstring, step 4."""
    content = project / "content"
    for path in content.rglob("*"):
        relative = path.relative_to(content)
        if path.is_dir() or relative.parts[0] in ("groups", "events"):
            continue  # the YAML data: our plugins read it, a plain site has no use for it
        target = plain / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    shutil.copytree(dump, plain / "content", dirs_exist_ok=True)
    (plain / "mkdocs.yml").write_text(without_our_plugins((project / "mkdocs.yml").read_text()))


def without_our_plugins(config: str) -> str:
    """mkdocs.yml minus the `- handbook-...` entries (and their options) in `plugins:`."""
    kept, skipping_deeper_than = [], None
    for line in config.splitlines():
        indent = len(line) - len(line.lstrip())
        if skipping_deeper_than is not None:
            if line.strip() and indent <= skipping_deeper_than:
                skipping_deeper_than = None
            else:
                continue
        if re.match(r"^\s*-\s*handbook-[\w-]+\s*:?\s*$", line):
            skipping_deeper_than = indent
            continue
        kept.append(line)
    return "\n".join(kept) + "\n"


# ---------------------------------------------------------------------------------------------
# Measuring a site


def measure_site(site: Path) -> SiteStats:
    stats = SiteStats()
    pages = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        stats.bytes += size
        stats.files += 1
        if path.suffix == ".html":
            url = "/" + path.relative_to(site).as_posix().removesuffix("index.html")
            pages.append((size, url))
    pages.sort(reverse=True)
    stats.html_pages = len(pages)
    stats.largest = pages[:8]
    stats.over_limit = sum(1 for size, _ in pages if size >= PAGE_LIMIT)
    index = site / "search" / "search_index.json"
    stats.search_index = index.stat().st_size if index.exists() else 0
    feed = site / "feeds" / "all.ics"
    stats.all_ics = feed.stat().st_size if feed.exists() else 0
    event_page = next(iter(sorted((site / "events").glob("event-*/index.html"))), None)
    if event_page is not None:
        stats.nav_links = event_page.read_text(encoding="utf-8").count('class="md-nav__link')
    return stats


# ---------------------------------------------------------------------------------------------
# One size


def measure(size: Size, args, workdir: Path) -> Result:
    folder = workdir / str(size)
    project, plain = folder / "project", folder / "plain"
    print(f"{size}: writing the synthetic handbook in {folder}", file=sys.stderr, flush=True)
    written = write_handbook(project, size)
    commit_all(project)
    check, check_cpu = time_check(project, args.repeat)
    print(f"  handbook check: {check:.2f} s wall, {check_cpu:.2f} s CPU, load {load()}", file=sys.stderr, flush=True)
    dump = folder / "generated"
    first = ["--dump", str(dump)]
    if args.profile:
        # A profiled build is slower: run it on its own, not as one of the timed builds.
        profile_file = args.profile / f"{size}.pstats"
        args.profile.mkdir(parents=True, exist_ok=True)
        timed_build(project, folder / "site-profiled", folder / "profiled.json", "--profile", str(profile_file))
        print_profile(profile_file, size)
    # Builds with and without our plugins take turns, so that both meet the same load.
    reals = [one_build(project, folder / "site", folder / "real.json", first, "handbook")]
    plain_project(project, dump, plain)
    plains = [one_build(plain, folder / "plain-site", folder / "plain.json", ["--no-timers"], "plain")]
    for _ in range(args.repeat - 1):
        reals.append(one_build(project, folder / "site", folder / "real.json", [], "handbook"))
        plains.append(one_build(plain, folder / "plain-site", folder / "plain.json", ["--no-timers"], "plain"))
    pairs = [side_by_side(project, plain, folder) for _ in range(args.pairs)]
    real, plainer = fastest(reals), fastest(plains)
    plugin_rows = {k: v for k, v in real["timers"].items() if k.startswith("plugin ")}
    result = Result(
        size=str(size), patterns=written.patterns, groups=written.groups, events=written.events,
        recurring=written.recurring, load=f"{real['load']} (plain {plainer['load']})", check=check, check_cpu=check_cpu,
        build_wall=real["wall"], build_cpu=real["cpu"], plain_wall=plainer["wall"], plain_cpu=plainer["cpu"],
        plugins_wall=sum(v[0] for v in plugin_rows.values()), plugins_cpu=sum(v[1] for v in plugin_rows.values()),
        timers=real["timers"], phases=real["phases"], plain_phases=plainer["phases"],
        site=measure_site(folder / "site"), plain_site=measure_site(folder / "plain-site"),
        pair_ratios=[mine["cpu"] / theirs["cpu"] for mine, theirs in pairs])
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def print_profile(path: Path, size: Size) -> None:
    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    stats.sort_stats("cumulative").print_stats(r"(generator|plugins)/", 25)
    stats.sort_stats("tottime").print_stats(15)
    print(f"\n### cProfile of the {size} build (cumulative, our code; then own time, everything)\n")
    print("```")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))
    print("```")


# ---------------------------------------------------------------------------------------------
# Tables


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def size_text(value: int) -> str:
    return f"{value / MB:.1f} MB" if value >= MB else f"{value / KB:.0f} KB"


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def size_table(r: Result) -> str:
    s, p = r.site, r.plain_site
    rows = [
        ("content", f"{r.patterns} patterns, {r.groups} groups, {r.events} events ({r.recurring} recurring)"),
        ("load average (1/5 min) and calibration before the build", r.load),
        ("build with our plugins", f"{seconds(r.build_wall)} wall, {seconds(r.build_cpu)} CPU"),
        ("plain build of the same pages", f"{seconds(r.plain_wall)} wall, {seconds(r.plain_cpu)} CPU"),
        ("our cost over the plain build (fastest of each)", f"{r.overhead:+.1%} wall, {r.overhead_cpu:+.1%} CPU"),
        ("our cost over the plain build, side by side", _pairs_text(r)),
        ("time in our plugin events (generator/ included)", f"{seconds(r.plugins_wall)} wall, {seconds(r.plugins_cpu)} CPU "
                                                             f"({r.plugins_cpu / r.plain_cpu:.1%} of the plain build's CPU)"),
    ]
    for label, (wall, cpu, calls) in r.timers.items():
        if wall >= 0.005:
            rows.append((f"· {label}" + (f" ×{calls}" if calls > 1 else ""), f"{seconds(wall)} wall, {seconds(cpu)} CPU"))
    for name, (wall, cpu) in r.phases.items():
        plain_wall, plain_cpu = r.plain_phases.get(name, [0.0, 0.0])
        rows.append((f"MkDocs phase {name}", f"{seconds(wall)} wall, {seconds(cpu)} CPU (plain {seconds(plain_wall)}, {seconds(plain_cpu)} CPU)"))
    rows += [
        ("handbook check", f"{seconds(r.check)} wall, {seconds(r.check_cpu)} CPU"),
        ("site size", f"{size_text(s.bytes)} in {s.files} files, {s.html_pages} HTML pages (plain: {size_text(p.bytes)}, {p.html_pages} pages)"),
        ("largest HTML page", f"{size_text(s.largest[0][0])} {s.largest[0][1]}" if s.largest else "-"),
        (f"HTML pages of {PAGE_LIMIT // 1000} KB or more", str(s.over_limit)),
        ("next largest pages", ", ".join(f"{u} {size_text(b)}" for b, u in s.largest[1:6])),
        ("search/search_index.json", size_text(s.search_index)),
        ("feeds/all.ics", size_text(s.all_ics)),
        ("navigation links on an event page", str(s.nav_links)),
    ]
    return table(rows, (f"size {r.size}", "measured"))


def _pairs_text(r: Result) -> str:
    if not r.pair_ratios:
        return "- (no side-by-side builds: `--pairs`)"
    each = ", ".join(f"{ratio - 1:+.1%}" for ratio in r.pair_ratios)
    return f"{r.pair_overhead:+.1%} CPU (median; each: {each})"


def across_table(results: list[Result]) -> str:
    def cells(values: list[float], fmt) -> list[str]:
        out = []
        for i, value in enumerate(values):
            text = fmt(value)
            if i and values[i - 1]:
                text += f" (×{value / values[i - 1]:.2f})"
            out.append(text)
        return out

    metrics = [
        ("events", [r.events for r in results], str),
        ("build wall", [r.build_wall for r in results], seconds),
        ("build CPU", [r.build_cpu for r in results], seconds),
        ("plain build CPU", [r.plain_cpu for r in results], seconds),
        ("our plugin events CPU", [r.plugins_cpu for r in results], seconds),
        ("feeds.build", [r.timer("detail feeds.build") for r in results], seconds),
        ("handbook check CPU", [r.check_cpu for r in results], seconds),
        ("site size", [r.site.bytes for r in results], size_text),
        ("HTML pages", [r.site.html_pages for r in results], str),
        ("largest HTML page", [r.site.largest[0][0] if r.site.largest else 0 for r in results], size_text),
        ("search index", [r.site.search_index for r in results], size_text),
        ("feeds/all.ics", [r.site.all_ics for r in results], size_text),
    ]
    rows = [(name, *cells(values, fmt)) for name, values, fmt in metrics]
    return table(rows, ("", *[r.size for r in results]))


def targets(results: list[Result]) -> list[tuple[bool, str]]:
    found = []
    for r in results:
        overhead = r.pair_overhead if r.pair_overhead is not None else r.overhead_cpu
        how = (f"median of {len(r.pair_ratios)} side-by-side builds" if r.pair_ratios
               else f"fastest builds, {r.overhead:+.1%} wall")
        found.append((overhead <= OVERHEAD_LIMIT,
                      f"{r.size}: our plugins and generator/ add {overhead:+.1%} CPU ({how}) "
                      f"to the plain build (at most {OVERHEAD_LIMIT:.0%})"))
        feeds = r.timer("detail feeds.build")
        found.append((feeds < FEED_LIMIT, f"{r.size}: feed generation {feeds:.2f} s (under {FEED_LIMIT:.0f} s)"))
        found.append((r.check_cpu < CHECK_LIMIT, f"{r.size}: handbook check {r.check_cpu:.2f} s CPU, {r.check:.2f} s wall "
                                                 f"(under {CHECK_LIMIT:.0f} s)"))
        largest = r.site.largest[0] if r.site.largest else (0, "-")
        found.append((r.site.over_limit == 0, f"{r.size}: largest HTML page {largest[1]} {size_text(largest[0])}, "
                                              f"{r.site.over_limit} page(s) of {PAGE_LIMIT // 1000} KB or more"))
    for before, after in zip(results, results[1:]):
        if before.patterns == after.patterns and after.events == 2 * before.events:
            time_ratio = after.build_cpu / before.build_cpu
            size_ratio = after.site.bytes / before.site.bytes
            found.append((time_ratio <= 2.0 and size_ratio <= 2.0,
                          f"{before.size} → {after.size}: build CPU ×{time_ratio:.2f}, site size ×{size_ratio:.2f} "
                          "(at most ×2)"))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark builds of synthetic handbooks.")
    parser.add_argument("--sizes", nargs="+", type=Size.parse, default=[Size(100, 1000), Size(300, 5000)],
                        help="PATTERNSxEVENTS, e.g. 100x1000 300x5000 (default)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="builds per size, with and without our plugins in turn; the least CPU time counts")
    parser.add_argument("--pairs", type=int, default=3,
                        help="then builds with and without our plugins side by side, one per core; the median "
                             "of their CPU ratios is the overhead (0: judge on the builds in turn)")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic projects and sites")
    parser.add_argument("--workdir", type=Path, help="where to write them (default: a temporary folder)")
    parser.add_argument("--profile", type=Path, help="also profile one build per size; statistics go here")
    parser.add_argument("--json", type=Path, help="write the results here as JSON as well")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for size in args.sizes:
            results.append(measure(size, args, workdir))
            print(f"\n## Size {size}\n\n{size_table(results[-1])}", flush=True)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    if len(results) > 1:
        print(f"\n## Across sizes (×: ratio to the previous column)\n\n{across_table(results)}")
    checked = targets(results)
    print("\n## Targets\n")
    for ok, text in checked:
        print(f"- {'met   ' if ok else 'MISSED'} {text}")
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ | {"site": r.site.__dict__, "plain_site": r.plain_site.__dict__}
                                         for r in results], indent=1, default=str))
    return 1 if args.strict and not all(ok for ok, _ in checked) else 0


if __name__ == "__main__":
    sys.exit(main())
