"""The Content-Security-Policy every page carries, as a <meta http-equiv> (a static host cannot be
trusted to send headers). Nothing on a page may run unless it is a file from the site itself:
Material's inline start-up scripts are moved to files by the template overrides in
overrides/partials/javascripts/, so the policy needs no hash and never 'unsafe-inline' for scripts.

A <meta> policy covers the page, not a module worker loaded from a URL (the worker's policy comes
from its response headers): a host that sends this policy as a header too must keep
'wasm-unsafe-eval', which Pyodide's worker needs to compile WebAssembly.
"""

from __future__ import annotations

import re

DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("worker-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),  # Material sets style attributes from its bundle
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    # frame-ancestors, report-uri and sandbox are ignored (with a console error) in a <meta>.
)
POLICY = "; ".join(f"{name} {value}" for name, value in DIRECTIVES)
# No double quote or ampersand in the policy, so it goes into the attribute as it is.
META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'

# The policy only governs what the parser meets after it: it goes right after <meta charset>.
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)


def add_policy(html: str) -> str:
    """Return the page with the policy as the first element after its charset declaration."""
    if META in html:
        return html
    match = _CHARSET.search(html)
    if not match:
        head = re.search(r"<head[^>]*>", html, re.IGNORECASE)
        if not head:
            return html  # not an HTML document (a sitemap, say)
        match = head
    return html[: match.end()] + META + html[match.end() :]
