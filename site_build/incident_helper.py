"""The widespread-incident helper's form, rendered at build time from checkers/incident.py's own
questions where a page says `<!-- incident-helper -->`.

The browser side (docs/assets/checkers/incident-helper.js) sends the answers to the worker's
"incident" operation and shows what Python prepared: the tag, the two Zendesk searches, the bulk
response and the caution. The marker (site_build/markers.py) loads that script with the form, on
this page only.
"""

from __future__ import annotations

from types import SimpleNamespace

from checkers import incident
from site_build.widgets import question_html

TITLE = "Widespread incident helper"


def form_html() -> str:
    # question_html only needs a name for the ids: chk-incident-<question>.
    owner = SimpleNamespace(name="incident")
    questions = "".join(question_html(owner, q) for q in incident.QUESTIONS)
    return (
        f'<section class="checker incident-helper" data-helper="incident" aria-label="{TITLE}">'
        '<p class="checker__summary">Enter the incident number, and the links once they exist, to get the tag, '
        "the Zendesk searches and a bulk response to share, following the steps above.</p>"
        f'<form class="checker__form" novalidate aria-label="{TITLE}">{questions}'
        '<button type="reset" class="md-button checker__reset">Start again</button></form>'
        '<p class="checker__status" role="status" data-state="static">Filled in by Python in your browser once it '
        "has started; until then, the steps above are all you need.</p>"
        '<div class="checker__result incident-helper__result"></div>'
        "</section>"
    )
