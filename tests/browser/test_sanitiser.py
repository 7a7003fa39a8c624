"""What a browser makes of the build's sanitiser output (`generator.core.safe_html.sanitise`): the
sanitiser parses HTML with Python's parser, and a browser parses it with its own. For hostile
markup, sanitised, Chromium must run no script (no dialog, no call of `hit()`) and find no element,
handler (which a click or a hover would run) or address the rules refuse."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.safe_html import sanitise

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_safe_html import HOSTILE, render  # noqa: E402

pytestmark = pytest.mark.browser

# Each payload tries to run `hit()`; a page whose `hit` ran is a failure whatever the DOM says.
PAYLOADS = [text.replace("alert(1)", "hit()").replace("alert(2)", "hit()") for text in HOSTILE] + [
    "<img src=x onerror=hit()>",
    "<p><img src=\"x\" onerror=\"hit()\"></p>",
    "<a href=\"javascript&colon;hit()\">x</a>",
    "<a href=\"jav&#x0A;ascript:hit()\">x</a>",
    "<div><svg><style><img src=x onerror=hit()></style></svg></div>",
    "<noembed><img title=\"</noembed><img src=x onerror=hit()>\"></noembed>",
    "<xmp><img src=x onerror=hit()></xmp>",
    "<title><img src=x onerror=hit()></title>",
    "<select><template><style><img src=x onerror=hit()></style></template></select>",
    "<table><tr><td>x</td></tr><img src=x onerror=hit()></table>",
    "<span<img src=x onerror=hit()>>x</span>",
    "<!--<img src=\"--><img src=x onerror=hit()>",
    "<a href=x onclick=hit() id=go>x</a>",
    "<details open ontoggle=hit()>",
    "<div style=\"width:expression(hit())\">x</div>",
    "<scr<script>ipt>hit()</script>",
    "<script/src=data:,hit()></script>",
    "<iframe srcdoc=\"<script>parent.hit()</script>\"></iframe>",
]

CHECK_DOM = """() => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'base', 'meta', 'form', 'style', 'svg', 'math', 'frame'].includes(tag)) {
      found.push('<' + tag + '>');
    }
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) found.push(name + ' on <' + tag + '>');
      if (name === 'style' && !/^text-align:/.test(attribute.value)) found.push('style on <' + tag + '>');
    }
    for (const name of ['href', 'src', 'action', 'formaction', 'data', 'xlink:href']) {
      // As the browser reads an address: without the control characters and spaces it ignores.
      const value = (element.getAttribute(name) || '').replace(/[\u0000-\u0020]/g, '');
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value);
      if (scheme && !['http', 'https', 'mailto'].includes(scheme[1].toLowerCase())) {
        found.push(name + '=' + value.slice(0, 40) + ' on <' + tag + '>');
      }
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def blank(browser):
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def assert_inert(page, html: str) -> None:
    page.dialogs.clear()
    page.set_content("<script>window.hits = 0; window.hit = () => { window.hits += 1 };</script>"
                     f"<main>{html}</main>", wait_until="load")
    page.wait_for_timeout(30)  # handlers of failed loads (onerror) run soon after the load
    assert page.evaluate("window.hits") == 0, html
    assert page.dialogs == [], html
    in_main = page.evaluate(CHECK_DOM.replace("document.querySelectorAll('*')", "document.querySelectorAll('main *')"))
    assert in_main == [], (html, in_main)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitised_markup_is_inert_in_a_browser(blank, payload):
    assert_inert(blank, sanitise(payload)[0])
    assert_inert(blank, sanitise(render(payload))[0])


PIECES = st.sampled_from([
    "<", ">", "/", "<img", "<a", "<span", "<div", "<svg", "<math", "<style", "<script", "<noscript", "<textarea",
    "<title", "<table", "<select", "<template", "<!--", "-->", "--!>", "<![CDATA[", "]]>", " src=x", " href=",
    "javascript:hit()", " onerror=hit()", " onclick=hit()", "\"", "'", "=", " ", "\n", "&#106;", "&lt;", "&",
    "hit()", "</", "x", "<p", "<br/", "<details", " open", " ontoggle=hit()",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(html=st.lists(PIECES, max_size=25).map("".join))
def test_sanitised_soup_is_inert_in_a_browser(blank, html):
    assert_inert(blank, sanitise(html)[0])
