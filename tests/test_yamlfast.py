"""The fast YAML reader gives what the full YAML 1.2 reader gives (values, types and the line of
every key and item), or hands the text over to it."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.content import yamlfast
from generator.content.yamlfile import line_of

ROOT = Path(__file__).resolve().parent.parent
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)


def full(text: str):
    reader = YAML(typ="rt", pure=True)
    reader.allow_duplicate_keys = False
    return reader.load(io.StringIO(text))


def assert_same(fast, slow, where="$"):
    assert fast == slow, where
    if isinstance(slow, CommentedMap):
        assert type(fast) is CommentedMap and list(fast) == list(slow), where
        assert line_of(fast) == line_of(slow), where
        for key in slow:
            assert (fast.lc.key(key), fast.lc.value(key)) == (slow.lc.key(key), slow.lc.value(key)), f"{where}.{key}"
            assert_same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(slow, CommentedSeq):
        assert type(fast) is CommentedSeq and line_of(fast) == line_of(slow), where
        for index, (a, b) in enumerate(zip(fast, slow)):
            assert fast.lc.item(index) == slow.lc.item(index), f"{where}[{index}]"
            assert_same(a, b, f"{where}[{index}]")
    elif isinstance(slow, bool) or slow is None or isinstance(slow, date):
        assert type(fast) is type(slow), where
    elif isinstance(slow, (int, float, str)):
        # ruamel returns subclasses (ScalarFloat, LiteralScalarString) of the same base types.
        base = next(t for t in (bool, int, float, str) if isinstance(slow, t))
        assert isinstance(fast, base) and not isinstance(fast, bool) or base is bool, where


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
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_yaml_reads_the_same(text):
    assert_same(yamlfast.load(text), full(text))


NOT_PLAIN = [
    "a: 1\na: 2\n",  # duplicate key: the full reader names it
    "a: !!python/object:os.system x\n",
    "a: !custom x\n",
    "a: &x 1\nb: *x\n",
    "<<: {a: 1}\n",
    "a: 0x1F\n", "a: 0o17\n", "a: 017\n", "a: 1_000\n", "a: 1e3\n", "a: .inf\n", "a: .5\n",
    "a: 2026-12-03 19:00:00\n", "a: 2026-12-03T19:00:00Z\n",
    "a: 2027-02-30\n",  # an impossible date: the full reader names its line
    "%YAML 1.2\n---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "---\nkey: value\n...\n", "...: x\n",  # document markers after the start
    "a: |\n   \n  text\n",  # a block scalar starting with a line of spaces
    "a: |#comment\n  text\n",  # a comment right after `|`
    "a:\tb\n", "a: b\rc: d\n",  # tabs and lone carriage returns
    "a: [unclosed\n",
    "a:\nb: 1\n",  # an empty value: the full reader gives it a position of its own
    "a: b: c\n",
    "? [a, b]\n: c\n",
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
