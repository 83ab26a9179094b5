"""Build-time HTML for the guided response page ("I just got paged"), rendered by the markers in site_build/markers.py.

Markers in a page, each on a line of its own, become build-time HTML from the `checkers` package,
so the page is readable before Python starts (and without JavaScript):

- `<!-- response-texts: form -->`  the ticket link and the details the texts are filled in from;
- `<!-- response-text: ID -->`     one copy-ready text (`checkers.texts.response_texts`), shown with its
                                   [placeholders] until the browser fills it in;
- `<!-- checklist: ID -->`         a checklist (`checkers.texts.checklists`), ticks kept per ticket link;
- `<!-- flow-toolbar -->`          the permalink to this response and "Start again".

docs/assets/checkers/flow.js brings them to life; Python decides and fills in, JavaScript displays.
"""

from __future__ import annotations

from html import escape

from checkers.engine import handbook
from checkers.texts import checklists, response_texts
from checkers.web import forms
from site_build.render import widgets


def form_html() -> str:
    # The same shell as a checker's, so the fields look and read alike (ids: chk-response-texts-*). The
    # texts it fills in are the `response-text` slots further down the page (render/response-texts.js).
    return widgets.form_html(
        forms.get(response_texts.NAMESPACE),
        label="The ticket and the details for your texts",
        attrs=' class="checker flow-texts" data-response-texts',
        status="The texts below are filled in by Python in your browser once it has started; until then, "
        "replace the parts in [brackets] by hand.",
        ready="Filled in by Python in your browser from your answers.",
        fallback="Replace the parts in [brackets] by hand.",
        reset=False,
    )


def text_html(text_id: str, base: str) -> str:
    entry = response_texts.texts({})["texts"].get(text_id)
    if entry is None:
        raise KeyError(f"no response text {text_id!r}; expected one of {', '.join(response_texts.texts({})['texts'])}")
    dom_id = f"flow-text-{text_id}".replace("_", "-")
    return (
        f'<div class="flow-text" data-response-text="{text_id}">'
        f'<p class="flow-text__label" id="{dom_id}-label"><strong>{escape(entry["label"])}</strong> '
        f'<span class="flow-text__cite">(<a href="{base}{entry["cite"]}">handbook</a>)</span></p>'
        f'<div class="checker__copyrow"><p class="checker__say" id="{dom_id}">'
        # Line breaks as character references: a blank line would end the raw HTML block in Markdown.
        f"{escape(entry['text']).replace(chr(10), '&#10;')}</p>{widgets.copy_button_html(entry['label'].lower())}</div>"
        f'<p class="flow-text__todo checker__hint" hidden></p></div>'
    )


def checklist_html(checklist_id: str, base: str) -> str:
    entry = checklists.checklist(checklist_id)
    items = "".join(
        f'<li><label class="flow-checklist__item"><input type="checkbox" name="{entry.id}.{item.id}" '
        f'data-item="{entry.id}.{item.id}"> <span>{escape(item.text)}</span></label></li>'
        for item in entry.items
    )
    section = handbook.section(entry.anchor)
    return (
        f'<fieldset class="flow-checklist" data-flow-checklist="{entry.id}"><legend>{escape(entry.title)}</legend>'
        f'<ul class="flow-checklist__items">{items}</ul>'
        f'<p class="flow-checklist__source">From the handbook: <a href="{base}{handbook.href(entry.anchor)}">'
        f"{escape(section.title)}</a>.</p>"
        f'<p class="flow-checklist__store checker__hint" aria-live="polite"></p></fieldset>'
    )


def toolbar_html() -> str:
    # Drawn from the start, its buttons disabled until flow.js runs (there is no state to link to or
    # clear before): shown only then, it pushed the page down under a phone reader's eyes.
    return (
        '<div class="flow-toolbar" data-hb-component="flow" data-flow-toolbar>'
        '<p class="flow-toolbar__row">Link to this response, with your answers '
        "(paste it into the Slack thread or the ticket): "
        '<code class="flow-permalink">\u00a0</code></p>'
        '<p class="flow-toolbar__row">'
        '<button type="button" class="md-button checker__copy flow-copy-link" disabled>Copy link</button> '
        '<button type="button" class="md-button flow-start-again" disabled>Start again</button></p>'
        '<p class="flow-toolbar__status checker__hint" role="status"></p></div>'
    )
