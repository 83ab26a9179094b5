"""Build-time HTML for a checker: its form and its decision table, both from the checker's own
definition, so the page is useful before Python starts in the browser (and without JavaScript)."""

from __future__ import annotations

from html import escape
from pathlib import Path

import checkers
from checkers import handbook
from checkers.model import NOW, Checker, Question


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _described_by(dom_id: str, q: Question) -> str:
    ids = [f"{dom_id}-error"] + ([f"{dom_id}-help"] if q.help else [])
    return " ".join(ids)


def _help_and_error(dom_id: str, q: Question) -> str:
    help_html = f'<p class="checker__help" id="{dom_id}-help">{escape(q.help)}</p>' if q.help else ""
    return help_html + f'<p class="checker__error" id="{dom_id}-error" hidden></p>'


def _radios(dom_id: str, q: Question, choices: list[tuple[str, str]], checked: str | None) -> str:
    # `required` on the radios, not aria-required on the fieldset: a group may not carry it (axe).
    required = " required" if q.required else ""
    items = []
    for value, label in choices:
        input_id = f"{dom_id}-{value}"
        mark = " checked" if value == checked else ""
        items.append(
            f'<label class="checker__choice" for="{input_id}"><input type="radio" id="{input_id}" '
            f'name="{dom_id}" value="{_attr(value)}"{required}{mark}> {escape(label)}</label>'
        )
    return (
        f'<fieldset class="checker__field" data-question="{q.id}" data-kind="{q.kind}" '
        f'aria-describedby="{_described_by(dom_id, q)}">'
        f'<legend>{escape(q.label)}</legend><div class="checker__choices">{"".join(items)}</div>'
        f"{_help_and_error(dom_id, q)}</fieldset>"
    )


def _checkboxes(dom_id: str, q: Question) -> str:
    """Contract 3: a fieldset, its legend the label, one checkbox per option (name = question id)."""
    chosen = set(q.default) if isinstance(q.default, tuple) else set()
    items = []
    for index, option in enumerate(q.options):
        input_id = f"{dom_id}-{option.value}"
        mark = " checked" if option.value in chosen else ""
        items.append(
            f'<label class="checker__choice" for="{input_id}"><input type="checkbox" id="{input_id}" '
            f'name="{q.id}" value="{_attr(option.value)}"{mark}> {escape(option.label)}</label>'
        )
    return (
        f'<fieldset class="checker__field" data-question="{q.id}" data-kind="{q.kind}" '
        f'aria-describedby="{_described_by(dom_id, q)}">'
        f'<legend>{escape(q.label)}</legend><div class="checker__choices">{"".join(items)}</div>'
        f"{_help_and_error(dom_id, q)}</fieldset>"
    )


_INPUT_TYPES = {"datetime": "datetime-local", "date": "date", "text": "text", "url": "url"}


def _input(dom_id: str, q: Question) -> str:
    extra = ""
    if q.kind == "datetime":
        extra = ' step="60"'
    if q.kind == "date-list":
        control = (
            f'<textarea id="{dom_id}" name="{dom_id}" rows="2" aria-describedby="{_described_by(dom_id, q)}" '
            f'placeholder="YYYY-MM-DD, one per line"></textarea>'
        )
    else:
        control = (
            f'<input type="{_INPUT_TYPES[q.kind]}" id="{dom_id}" name="{dom_id}"{extra} '
            f'aria-describedby="{_described_by(dom_id, q)}"{" required" if q.required else ""}>'
        )
    now_note, default_now = "", ""
    if q.kind == "datetime":
        # Every date-time gets "Now": "when did you send it?" is usually answered "just now".
        now_note = f'<button type="button" class="md-button checker__now" data-now-for="{dom_id}">Now</button>'
    if q.default is NOW:
        now_note += '<span class="checker__hint">Empty means now, in your time zone.</span>'
        default_now = ' data-default="now"'  # the page fills these in with the current time when empty
    return (
        f'<div class="checker__field" data-question="{q.id}" data-kind="{q.kind}"{default_now}>'
        f'<label for="{dom_id}">{escape(q.label)}</label>'
        f'<div class="checker__control">{control}{now_note}</div>{_help_and_error(dom_id, q)}</div>'
    )


def question_html(checker: Checker, q: Question) -> str:
    dom_id = f"chk-{checker.name}-{q.id}".replace("_", "-")
    if q.kind == "choice":
        checked = None if q.required else q.default
        return _radios(dom_id, q, [(o.value, o.label) for o in q.options], checked)
    if q.kind == "multi-choice":
        return _checkboxes(dom_id, q)
    if q.kind == "boolean":
        checked = None if q.required else ("true" if q.default else "false")
        return _radios(dom_id, q, [("true", "Yes"), ("false", "No")], checked)
    return _input(dom_id, q)


def asked_when_text(checker: Checker, q: Question) -> str:
    """`asked_when` in words: each key's label (a question's, or a derived fact's) and its values."""
    labels = {other.id: other for other in checker.questions}
    derived = {d.id: d.label for d in checker.derived}
    parts = []
    for key, allowed in q.asked_when or ():
        if key in derived:
            label, values = derived[key], ["yes" if v is True else "no" if v is False else str(v) for v in allowed]
        else:
            other = labels[key]
            names = {o.value: o.label for o in other.options} | {True: "Yes", False: "No"}
            label, values = other.label, [names.get(v, str(v)) for v in allowed]
        parts.append(f"{label.rstrip('?')}: {' or '.join(values)}")
    return "; ".join(parts)


def decision_table_html(checker: Checker) -> str:
    used = [f for f in checker.facts if any(f.id in r.when for r in checker.rules)]
    head = "".join(f'<th scope="col">{escape(f.label)}</th>' for f in used)
    rows = []
    for number, rule in enumerate(checker.rules, start=1):
        cells = []
        for fact in used:
            if fact.id in rule.when:
                text = " or ".join(fact.label_of(v) for v in rule.when[fact.id])
                cells.append(f"<td>{escape(text)}</td>")
            else:
                cells.append('<td class="checker__any">any</td>')
        outcome = checker.outcome(rule.outcome)
        links = ", ".join(
            f'<a href="{{{{base}}}}{handbook.href(a)}">{escape(handbook.section(a).title)}</a>' for a in rule.cite
        )
        rows.append(
            f'<tr data-outcome="{outcome.code}"><th scope="row">{number}</th>{"".join(cells)}'
            f"<td><strong>{escape(outcome.title)}</strong><br><code>{outcome.code}</code></td>"
            f"<td>{escape(rule.because)}</td><td>{links}</td></tr>"
        )
    return (
        f'<div class="checker__table md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        f"<caption>How the checker decides: the first row that matches wins.</caption>"
        f'<thead><tr><th scope="col">Row</th>{head}<th scope="col">Outcome</th><th scope="col">Why</th>'
        f'<th scope="col">Handbook</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></div>'
    )


RENDERERS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "checkers" / "render"


def checker_html(name: str, base: str) -> str:
    """The whole widget. `base` is the relative path from the page to the site root."""
    checker = checkers.get(name)
    # A checker may add a picture or a clock to its results: docs/assets/checkers/render/<name>.js
    renderer = f' data-renderer="{name}"' if (RENDERERS / f"{name}.js").exists() else ""
    questions = "".join(question_html(checker, q) for q in checker.questions)
    notes = "".join(f"<li>{escape(n)}</li>" for n in checker.notes)
    conditional = "".join(
        f"<li>{escape(q.label)} Asked only when {escape(asked_when_text(checker, q))}.</li>"
        for q in checker.questions if q.asked_when
    )
    if conditional:  # the same condition the form, the CLI's schema and the drills read
        notes = f"<li>Questions asked only when they matter:<ul>{conditional}</ul></li>" + notes
    notes_html = f'<div class="checker__notes"><p>Where the handbook is silent:</p><ul>{notes}</ul></div>' if notes else ""
    # The page's own Markdown heading introduces the widget (and puts it in the table of contents).
    html = (
        f'<section class="checker" data-checker="{name}"{renderer} aria-label="Checker: {_attr(checker.title)}">'
        f'<p class="checker__summary">{escape(checker.summary)}</p>'
        f'<form class="checker__form" novalidate aria-label="{_attr(checker.title)}">{questions}'
        f'<button type="reset" class="md-button checker__reset">Start again</button></form>'
        f'<p class="checker__status" role="status" data-state="static">'
        f"Answers are checked by Python in your browser once it has started; until then, use the table below.</p>"
        f'<div class="checker__result" aria-live="polite" aria-atomic="true"></div>'
        f"{notes_html}"
        f'<details class="checker__details" open><summary>Decision table</summary>{decision_table_html(checker)}</details>'
        f"</section>"
    )
    return html.replace("{{base}}", base)
