"""Make links that leave the site visibly external: an icon, words for screen readers, and a
`rel` that gives the other site nothing. Internal links are relative, so any absolute http(s)
link in the content goes elsewhere."""

from __future__ import annotations

import re

_EXTERNAL = re.compile(r'<a href="(https?://[^"]+)"(?![^>]*class="external")([^>]*)>(.*?)</a>', re.DOTALL)


def mark_external(html: str) -> str:
    def mark(match: re.Match) -> str:
        href, attrs, text = match.groups()
        return (
            f'<a href="{href}" class="external" rel="noopener noreferrer"{attrs}>{text}'
            '<span class="visually-hidden"> (external link)</span></a>'
        )

    return _EXTERNAL.sub(mark, html)
