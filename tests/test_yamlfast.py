"""The fast YAML reader gives what the full YAML 1.2 reader gives (values, types and the line of
every key and item), or hands the text over to it; and both give the same `yamltree` types."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.content import yamlfast, yamlfile
from generator.content.yamltree import YamlList, YamlMapping
from generator.core.problems import Reporter

ROOT = Path(__file__).resolve().parent.parent
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)


def full(text: str):
    """ruamel.yaml's own reading, with its own line table (`lc`): the oracle."""
    reader = YAML(typ="rt", pure=True)
    reader.allow_duplicate_keys = False
    return reader.load(io.StringIO(text))


def assert_same(ours, theirs, where="$"):
    """`ours` (a `yamltree` value) holds what ruamel read, on the same lines."""
    assert ours == theirs, where
    if isinstance(theirs, CommentedMap):
        assert type(ours) is YamlMapping and list(ours) == list(theirs), where
        assert ours.line == theirs.lc.line + 1, where
        for key in theirs:
            assert ours.key_line(key) == theirs.lc.key(key)[0] + 1, f"{where}.{key}"
            assert_same(ours[key], theirs[key], f"{where}.{key}")
    elif isinstance(theirs, CommentedSeq):
        assert type(ours) is YamlList and ours.line == theirs.lc.line + 1, where
        for index, (a, b) in enumerate(zip(ours, theirs)):
            assert ours.item_line(index) == theirs.lc.item(index)[0] + 1, f"{where}[{index}]"
            assert_same(a, b, f"{where}[{index}]")
    elif isinstance(theirs, bool) or theirs is None or isinstance(theirs, date):
        assert type(ours) is type(theirs), where
    else:
        # ruamel returns subclasses (ScalarFloat, LiteralScalarString) of the same base types;
        # an anchored `true` is its ScalarBoolean, an int, which a plain bool would not be.
        base = next(t for t in (int, float, str) if isinstance(theirs, t))
        assert isinstance(ours, base) and not isinstance(ours, bool), where


def project_texts():
    """Every YAML text the project and its test fixtures hold: data files and front matter."""
    for folder in (ROOT / "content", ROOT / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*.yml")):
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.md")):
            found = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
            if found:
                yield path.relative_to(ROOT).as_posix(), found.group(1)


def test_the_project_files_read_the_same_and_fast():
    texts = list(project_texts())
    assert len(texts) > 30
    for name, text in texts:
        assert_same(yamlfast.load(text), full(text), name)


PLAIN = [
    "on: [thursday]\nstart: 2026-12-03 19:00\nend: 2026-12-03\n",
    "a: yes\nb: no\nc: off\nd: On\n",  # YAML 1.1 booleans are text in 1.2
    "t: 19:00\nu: 1:30\n",  # YAML 1.1 base-60 numbers are text in 1.2
    "n: ~\nk: null\nb: [true, False, TRUE]\n",
    "geo: [-41.3119, 174.7786]\ncount: 12\nzero: 0\nneg: -3\n",
    "description: |\n  Two lines\n  of text.\n\n  A paragraph.\nfolded: >\n  one\n  two\n",
    "quoted: \"19:00\"\nsingle: 'on'\nempty: ''\nescape: \"tab\\there\"\n",
    "nested:\n  - date: 2027-01-07\n    start: 2027-01-07 18:00\n  -   date: 2027-01-14\n      status: cancelled\n",
    "flow: {a: 1, b: [x, y], c: {d: e}}\n",
    "# a comment\nkey: value # trailing\n\n\nother:   spaced   \n",
    "multi: this plain\n  scalar folds\n  over lines\n",
    "url: https://meet.example.org/a?b=c#d\nmail: mailto:x@example.org\n",
    "- a\n- b\n",
    "---\nkey: value\n",
    "unicode: Ōtautahi — “quoted” ✓\n",
    "key with spaces: 1\n\"quoted key\": 2\n3: three\n",
    "words: R&D, Q&A, bread & butter, wow!, hello!!\n",  # `&` and `!` inside a word are text
    "list:\n-\n  a: 1\n- [x,\n   y]\n-    \n  - deep\n",  # items whose value starts on a later line
    "a: {}\nb: []\nc: [{}, []]\n",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_yaml_reads_the_same(text):
    assert_same(yamlfast.load(text), full(text))


NOT_PLAIN = [
    "a: 1\na: 2\n",  # duplicate key: the full reader names it
    "1: a\ntrue: b\n",  # equal keys to Python
    "a: !!python/object:os.system x\n",
    "a: !custom x\n",
    "a: ! 12\n", "a: ! [x]\n", "! {a: 1}\n",  # the non-specific tag (`! 12` is the text "12")
    "\ufeff! [a]\n", "\ufeff&x [a]\n",  # after a byte-order mark, which libyaml skips
    "a: b\n\ufeff\n",  # a byte-order mark after the start: the full reader reads it as text
    "a: &x 1\nb: *x\n",
    "a: &x true\n",  # an anchored `true` is an int to the full reader
    "a: &x [1]\nb: *x\n", "a: &x [*x]\n", "a: [&x 1]\n", "a: {b: &x 1}\n", "a:\n- &x 1\n",
    "<<: {a: 1}\n",
    "a: 0x1F\n", "a: 0o17\n", "a: 017\n", "a: 1_000\n", "a: 1e3\n", "a: .inf\n", "a: .5\n",
    "a: 2026-12-03 19:00:00\n", "a: 2026-12-03T19:00:00Z\n",
    "a: 2027-02-30\n",  # an impossible date: the full reader names its line
    "%YAML 1.2\n---\na: 1\n", "%TAG !e! tag:example.org,2026:\n---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "---\nkey: value\n...\n", "...: x\n",  # document markers after the start
    "a: |\n   \n  text\n",  # a block scalar starting with a line of spaces
    "a: |#comment\n  text\n",  # a comment right after `|`
    "a:\tb\n", "a: b\rc: d\n",  # tabs and lone carriage returns
    "a: [unclosed\n",
    "a:\nb: 1\n",  # an empty value: the full reader gives it a position of its own
    "a: b: c\n",
    "? [a, b]\n: c\n", "? {a: 1}\n: c\n",
    "a: line\u2028break\n",
    "",
    "just text\n", ">\n#text\n",  # a lone scalar: content files are mappings
]


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_anything_else_goes_to_the_full_reader(text):
    with pytest.raises(yamlfast.NotPlain):
        yamlfast.load(text)


@pytest.mark.parametrize("value", ["", "12", "on", "2026-12-03", "1.5", "true", "~", "<<", "2026-12-03 19:00", "019",
                                   "0x1f", "1e3", ".5", "-3", "+4", ".inf", "-.INF", ".NaN", "null", "NULL", "True",
                                   "yes", "No", "0o17", "0b101", "1_000", "12:30", "=", "a b", "1.", "-0.5e-3"])
def test_plain_scalars_are_typed_by_the_yaml_1_2_rules(value):
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    expected = VersionedResolver(version=(1, 2)).resolve(ScalarNode, value, (True, False))
    assert yamlfast._implicit_tag(value) == str(expected)


# -- Lines, through both readers ------------------------------------------------------------------
#
# Each text is read twice: as it is (the fast reader) and with a hex number added at the end,
# which only the full reader reads; both must give every line as the file has it.

LINES = [
    # (text, path to a value, the line of the key or item it is at)
    ("a:\n  b:\n    c:\n      d: 1\n      e: 2\n", ("a", "b", "c", "e"), 5),
    ("tags:\n  - x\n\n  - y\n  -\n    z\n", ("tags", 2), 6),
    ("changes:\n  - date: 2027-01-07\n    title: x\n  - date: 2027-01-14\n    status: cancelled\n",
     ("changes", 1, "status"), 5),
    ("description: |\n  one\n  two\n\n  three\nstart: 2027-01-07\n", ("start",), 6),
    ("description: >-\n  one\n  two\n\ntimezone: Europe/London\n", ("timezone",), 5),
    ("title: a plain text\n  that folds over\n  three lines\ngroup: crew\n", ("group",), 4),
    ('title: "a quoted text\n  over two lines"\n\n# a comment\ngroup: crew\n', ("group",), 5),
    ("location: {name: Hall,\n  address: 1 Road}\nonline: https://x.example\n", ("location", "address"), 2),
    ("geo: [1,\n  2,\n  3]\n", ("geo", 2), 3),
]


def _key_or_item_line(data, path):
    for step in path[:-1]:
        data = data[step]
    last = path[-1]
    return data.item_line(last) if isinstance(data, YamlList) else data.key_line(last)


@pytest.mark.parametrize("text, path, line", LINES)
def test_a_value_keeps_its_line_through_either_reader(text, path, line):
    fast = yamlfast.load(text)
    report = Reporter("x.yml")
    slow = yamlfile.load(text + "number: 0x1F\n", report)
    with pytest.raises(yamlfast.NotPlain):
        yamlfast.load(text + "number: 0x1F\n")
    assert report.problems == []
    assert _key_or_item_line(fast, path) == line
    assert _key_or_item_line(slow, path) == line
    assert_same(fast, full(text))
    assert_same(slow, full(text + "number: 0x1F\n"))


def test_lines_fall_back_to_the_enclosing_value():
    data = yamlfast.load("start: 2027-01-07\nrepeat:\n  every: week\n  except: [2027-01-14]\n")
    assert data.line == 1
    assert data.key_line("duration") == 1  # a key that is not there: the mapping's own line
    assert data["repeat"].key_line("until") == 3
    assert data["repeat"]["except"].item_line(5) == 4
    assert yamlfile.line_of_key(data["start"], "x") == 1  # not a mapping
    assert yamlfile.line_of_item(data["repeat"], 0) == 3  # not a list: the mapping's line
    assert yamlfile.line_of_key(data["repeat"], "except", offset=10) == 14


def test_keys_merged_in_have_the_line_of_the_mapping():
    data = yamlfile.load("base: &b {start: 2027-01-07}\nevent:\n  title: x\n  <<: *b\n", Reporter("x.yml"))
    assert data["event"] == {"title": "x", "start": date(2027, 1, 7)}
    assert data["event"].key_line("title") == 3
    assert data["event"].key_line("start") == 3  # written on line 1, merged here: the mapping's line


def test_the_full_reader_keeps_aliases_shared_not_copied():
    data = yamlfile.load("a: &x [1, 2]\nb: *x\n", Reporter("x.yml"))
    assert type(data) is YamlMapping and type(data["a"]) is YamlList
    assert data["a"] is data["b"]


# -- Both readers agree on anything -------------------------------------------------------------
#
# Random documents in the shapes content files take (block and flow mappings and lists, nested,
# with comments, blank lines, quoted, multi-line and block scalars) and in the odd ones they
# might (anchors, aliases, tags, merges, duplicates, words every YAML version reads otherwise).

WORDS = st.sampled_from([
    "a", "title", "on", "yes", "No", "12", "012", "-3", "+4", "0x1F", "1_000", "1.5", "1e3", ".5", ".inf", "~", "null",
    "true", "False", "2027-01-07", "2027-02-30", "2027-01-07 19:00", "2027-01-07 19:00:00", "19:00", "R&D", "wow!",
    "<<", "=", "a b", "it's", "x #y", "Ōtautahi", "*x", "*y", "a: b", "- a", "", "[a]", "{a: b}", "\\t", "#"])
PROPERTIES = st.sampled_from([""] * 12 + ["&x ", "&y ", "!!str ", "! ", "!t "])


@st.composite
def scalar(draw) -> str:
    word = draw(WORDS)
    style = draw(st.sampled_from(["plain"] * 4 + ["double", "single"]))
    text = word if style == "plain" else '"%s"' % word.replace('"', "") if style == "double" else "'%s'" % word.replace("'", "''")
    return draw(PROPERTIES) + text


@st.composite
def flow(draw, depth: int) -> str:
    if depth > 2 or draw(st.booleans()):
        return draw(scalar())
    items = draw(st.lists(flow(depth + 1), max_size=3))
    if draw(st.booleans()):
        text = "[" + ",\n  ".join(items) + "]" if draw(st.booleans()) else "[" + ", ".join(items) + "]"
    else:
        keys = draw(st.lists(WORDS, max_size=3))
        text = "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, items)) + "}"
    return draw(PROPERTIES) + text


@st.composite
def block(draw, depth: int, indent: int) -> str:
    """The lines of a block mapping or list at `indent`, each ending in a line break."""
    pad = " " * indent
    lines = []
    if draw(st.booleans()):
        for key in draw(st.lists(st.sampled_from(["a", "b", "on", "12", "<<", "'a'", "title"]), min_size=1, max_size=4)):
            lines.append(f"{pad}{key}:{draw(value(depth, indent + 2))}")
    else:
        for _ in range(draw(st.integers(1, 3))):
            lines.append(f"{pad}-{draw(value(depth, indent + 2))}")
    extras = draw(st.sampled_from(["", "", "\n", f"{pad}# a comment\n"]))
    return "".join(line + ("" if line.endswith("\n") else "\n") for line in lines) + extras


@st.composite
def value(draw, depth: int, indent: int) -> str:
    """What follows a key's `:` or an item's `-`."""
    kinds = ["scalar", "scalar", "flow", "text", "folded"] + (["block"] * 4 if depth < 3 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "scalar":
        return " " + draw(scalar())
    if kind == "flow":
        return " " + draw(flow(1))
    if kind == "text":  # a block scalar
        body = draw(st.lists(st.sampled_from(["one", "two words", "", "# not a comment", "a: b"]), min_size=1, max_size=3))
        indicator = draw(st.sampled_from(["|", "|-", ">", ">+"]))
        return f" {indicator}\n" + "".join(f"{' ' * indent}{line}\n" if line else "\n" for line in body)
    if kind == "folded":  # a plain scalar over lines
        return f" {draw(st.sampled_from(['some', 'plain']))}\n{' ' * indent}text {draw(WORDS)}\n"
    return draw(st.sampled_from(["", "  # a comment"])) + "\n" + draw(block(depth + 1, indent))


DOCUMENTS = st.builds(lambda start, body: start + body,
                      st.sampled_from(["", "", "---\n", "# top\n", "\n", "\ufeff", "\ufeff---\n"]),
                      st.one_of(block(0, 0), block(0, 0), flow(0).map(lambda text: text + "\n")))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DOCUMENTS)
def test_whatever_the_fast_reader_reads_the_full_reader_reads_alike(text):
    try:
        fast = yamlfast.load(text)
    except yamlfast.NotPlain:
        return
    report = Reporter("x.yml")
    slow = yamlfile._load_fully(text, report, 0)  # what `load` would give without the fast reader
    assert report.problems == [], f"the fast reader read {text!r}, which the full reader refuses"
    theirs = full(text)
    assert_same(fast, theirs)
    assert_same(slow, theirs)
