"""Start Python early on pages with a checker: the page script (assets/checkers/client.js) is also
loaded from <head> as an async module, so it creates the Python worker while the rest of the page
(stylesheets, Material's bundle) is still arriving, instead of after all of it. Same URL as the
copy at the end of <body>, so the browser runs the module once.

On a throttled network this is most of the gain: the runtime's downloads no longer wait for the
page's own render-blocking files.
"""

from __future__ import annotations

CLIENT = "assets/checkers/client.js"


def add_early_start(html: str, base: str) -> str:
    """`base` is the relative path from the page to the site root ('' for the home page)."""
    if "data-checker=" not in html or "data-start-python" in html:
        return html
    tag = f'<script type="module" async fetchpriority="high" src="{base}{CLIENT}" data-start-python></script>'
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return html[:head_end] + tag + html[head_end:]
