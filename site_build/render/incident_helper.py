"""The widespread-incident helper's form, rendered at build time from checkers/texts/incident.py's own
questions where a page says `<!-- incident-helper -->`.

It is an ordinary form (checkers/web/forms.py, site_build/render/widgets.py): the page mounts it like a
checker and shows what Python prepared with docs/assets/checkers/render/incident.js: the tag, the
two Zendesk searches, the bulk response and the caution.
"""

from __future__ import annotations

from checkers.texts import incident
from checkers.web import forms
from site_build.render.links import external_link_html
from site_build.render.widgets import form_html as shell_html
from site_build.render.widgets import template_html

TITLE = "Widespread incident helper"


def form_html() -> str:
    return shell_html(
        forms.get(incident.NAME),
        label=TITLE,
        summary="Enter the incident number, and the links once they exist, to get the tag, the Zendesk searches and a "
        "bulk response to share, following the steps above.",
        attrs=' class="checker incident-helper" data-helper="incident"',
        status="Filled in by Python in your browser once it has started; until then, the steps above are all you need.",
        ready="Prepared by Python in your browser.",
        fallback="The steps above still apply.",
        prompt="Enter the incident number to get the tag, the searches and the response.",
        result_class="incident-helper__result",
        # The searches' links in the result: render/incident.js fills a copy with each one's address and name.
        after=template_html("external-link", external_link_html("", "")),
    )
