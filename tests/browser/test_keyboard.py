"""Every checker on the site can be answered with the keyboard alone: Tab from the top of its page
to the first question, arrow keys and Space for choices, digits for dates, and the result appears
in the live region, the same as Python on CPython decides for those answers."""

from __future__ import annotations

import re

import pytest

import checkers

from .helpers import SAMPLE

# What the focused element is, for deciding the next key press.
FOCUS_INFO = """(name) => {
  const widget = document.querySelector(`[data-checker="${name}"]`);
  const el = document.activeElement;
  const field = el && el.closest("[data-question]");
  return {
    inForm: !!(el && widget.querySelector("form").contains(el)),
    inQuestion: !!(field && widget.contains(field)),
    question: field ? field.dataset.question : null,
    kind: field ? field.dataset.kind : null,
    type: el ? (el.type || el.tagName.toLowerCase()) : null,
    required: !!(el && el.required),
    groupAnswered: !!(field && field.querySelector("input:checked")),
    empty: !!(el && "value" in el && el.value === ""),
    id: el ? el.id : null,
  };
}"""

# The segments of Chromium's date and time inputs follow the reader's locale.
DATE_ORDER = """() => new Intl.DateTimeFormat(undefined, {year: "numeric", month: "2-digit", day: "2-digit"})
  .formatToParts(new Date(2024, 2, 1)).map(p => p.type).filter(t => ["year", "month", "day"].includes(t))"""
HOUR12 = "() => new Intl.DateTimeFormat(undefined, {hour: 'numeric'}).resolvedOptions().hour12 === true"


def pages_with_checkers(site) -> dict[str, list[str]]:
    """Each checker's pages, its own page first: on the guided page a step the path skips is folded
    away, so the checker is tried where it always shows."""
    found: dict[str, list[tuple[bool, str]]] = {}
    for html in sorted(site.rglob("*.html")):
        if "assets" in html.relative_to(site).parts:
            continue
        path = str(html.relative_to(site).parent) + "/" if html.name == "index.html" else html.name
        text = html.read_text(encoding="utf-8")
        in_a_flow = 'data-hb-component="flow-path"' in text
        for name in re.findall(r'data-checker="([^"]+)"', text):
            found.setdefault(name, []).append((in_a_flow, "" if path == "./" else path))
    return {name: [path for _, path in sorted(pages, key=lambda page: page[0])] for name, pages in found.items()}


def type_date(page, with_time: bool) -> None:
    year, month, day = SAMPLE["date"].split("-")
    parts = {"year": year, "month": month, "day": day}
    page.keyboard.type("".join(parts[p] for p in page.evaluate(DATE_ORDER)))
    if with_time:
        page.keyboard.press("Tab")  # the year takes up to six digits, so it does not move on by itself
        hours, minutes = SAMPLE["datetime"].split("T")[1].split(":")
        page.keyboard.type(
            f"{int(hours) % 12 or 12:02d}{minutes}{'AM' if int(hours) < 12 else 'PM'}"
            if page.evaluate(HOUR12)
            else f"{hours}{minutes}"
        )


def leave_control(page, control_id: str) -> None:
    """Tab until focus leaves this control (date inputs hold one tab stop per segment)."""
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") != control_id or not control_id:
            return
    pytest.fail(f"Tab does not leave #{control_id}")


@pytest.mark.parametrize("name", checkers.names())
def test_a_checker_is_answered_by_keyboard_alone(watch, site_url, built_site, name):
    pages = pages_with_checkers(built_site).get(name)
    assert pages, f"{name} is on no page of the site: a reader can never answer it"
    page = watch.page
    widget = page.locator(f'[data-checker="{name}"]').first
    for path in pages:  # the first page where the checker is shown as the page opens
        page.goto(site_url + path)
        if widget.is_visible():
            break
    else:
        pytest.fail(f"{name} is not shown when its pages open ({pages})")
    watch.wait_ready(f'[data-checker="{name}"]')

    # Tab from the top of the page to the checker's first question.
    for _ in range(500):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUS_INFO, name)["inQuestion"]:
            break
    else:
        pytest.fail(f"Tab never reaches a question of {name}")

    # Count the worker's replies: an answer may bring in a question asked only then, shown
    # once Python has replied, so Tab waits for the reply as a reader's next keystroke would.
    page.evaluate(
        """(name) => { window.__replies = 0;
        const widget = document.querySelector(`[data-checker="${name}"]`);
        for (const kind of ["hb:result", "hb:error"]) widget.addEventListener(kind, () => window.__replies++); }""",
        name,
    )
    arrowed = None
    for _ in range(200):
        info = page.evaluate(FOCUS_INFO, name)
        if not info["inForm"]:
            break
        replies = page.evaluate("window.__replies")
        answered = True
        if info["type"] == "radio" and info["required"] and not info["groupAnswered"]:
            if arrowed is None:
                page.keyboard.press("ArrowRight")  # moves to the next option and selects it
                arrowed = info["question"]
            else:
                page.keyboard.press("Space")  # selects the focused (first) option
        elif info["required"] and info["empty"] and info["kind"] in ("date", "datetime"):
            type_date(page, with_time=info["kind"] == "datetime")
        elif info["required"] and info["empty"]:
            page.keyboard.type(SAMPLE[info["kind"]])
        else:
            answered = False
        if answered:
            watch.wait_for(f"window.__replies > {replies}", timeout=30)
        leave_control(page, info["id"] if info["type"] != "radio" else "")
    else:
        pytest.fail("focus never left the form")

    if arrowed:
        second = page.locator(f'[data-checker="{name}"] [data-question="{arrowed}"] input[type=radio]').nth(1)
        assert second.is_checked(), "the arrow key did not select the next option"
    result = widget.locator(".checker__result")
    code = watch.wait_for(
        f"""(() => {{ const o = document.querySelector('[data-checker="{name}"] .checker__result .checker__code');
             return o ? o.textContent : null; }})()""",
        timeout=30,
    )
    assert result.get_attribute("aria-live") == "polite"
    answers = page.evaluate(
        f"""window.handbookCheckers.readAnswers(document.querySelector('[data-checker="{name}"]'))"""
    )
    assert code == checkers.evaluate(name, answers)["outcome"], answers
