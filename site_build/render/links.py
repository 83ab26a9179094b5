"""Make links that leave the site visibly external: an icon, words for screen readers, and a
`rel` that gives the other site nothing. Internal links are relative, so any absolute http(s)
link in the content goes elsewhere."""

from __future__ import annotations

import re

_EXTERNAL = re.compile(r'<a href="(https?://[^"]+)"(?![^>]*class="external")([^>]*)>(.*?)</a>', re.DOTALL)


def external_link_html(href: str, text: str, attrs: str = "") -> str:
    """An external link as every page draws it: the content's at build time, and (as a template,
    widgets.template_html) the links a result shows at run time (render/incident.js)."""
    return (
        f'<a href="{href}" class="external" rel="noopener noreferrer"{attrs}>{text}'
        '<span class="visually-hidden"> (external link)</span></a>'
    )


def mark_external(html: str) -> str:
    return _EXTERNAL.sub(lambda link: external_link_html(href=link[1], attrs=link[2], text=link[3]), html)
