"""Start Python early on pages with a checker: a small classic script (assets/checkers/
start-python.js), async in <head>, creates the Python worker while the rest of the page
(stylesheets, Material's bundle, the page script's modules) is still arriving; the page script
(client.js, at the end of <body>) adopts it (transport.js).

Not the page script itself from <head>: a graph of modules runs only once every level of its
imports has been fetched and parsed, and each level waits for the parser to yield (the worker
started 600-700 ms into a cold load of the guided page that way; 120-270 ms from the end of
<head>, where the render-blocking files ahead of it held its download back; 110-160 ms from the
top of <head>, on the same quiet machine, 2026-12-03). On a
throttled network this is most of the gain: the runtime's downloads no longer wait for the page's
own render-blocking files.
"""

from __future__ import annotations

import re

STARTER = "assets/checkers/start-python.js"
_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>', re.IGNORECASE)


def add_early_start(html: str, base: str) -> str:
    """`base` is the relative path from the page to the site root ('' for the home page)."""
    if "data-checker=" not in html or "data-start-python" in html:
        return html
    tag = f'<script async fetchpriority="high" src="{base}{STARTER}" data-start-python></script>'
    # Right after the viewport, ahead of the render-blocking files (see above); the policy (csp.py)
    # still comes first, after the charset.
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    viewport = _VIEWPORT.search(html, 0, head_end)
    at = viewport.end() if viewport else head_end
    return html[:at] + tag + html[at:]
