"""Serve the built site as a static host would: explicit MIME types (a wrong one for .wasm makes
Pyodide hang), precompressed .br/.gz siblings when the browser accepts them, an optional sub-path,
and a sitemap rewritten for the origin actually served, so Material's instant navigation works on
any port or path.

    python -m site_build.serve [--port 8000] [--host 127.0.0.1] [--base /] [--dir site] [--csp-header]
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".map": "application/json",
}
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


class SiteHandler(SimpleHTTPRequestHandler):
    base = "/"
    site_url = "http://127.0.0.1:8000/"
    extra_headers: dict[str, str] = {}  # e.g. the CSP as a header, as a strict host would send it
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def log_message(self, format, *args):  # noqa: A002 - quiet unless asked
        if os.environ.get("HANDBOOK_SERVE_LOG"):
            super().log_message(format, *args)

    def _site_path(self) -> str | None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.base):
            return None
        return "/" + path[len(self.base) :]

    def translate_path(self, path: str) -> str:
        inside = self._site_path()
        return super().translate_path(inside if inside is not None else "/__outside_base__")

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")  # revalidate, so a rebuild shows at once
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802
        inside = self._site_path()
        if inside is None:
            self.send_error(HTTPStatus.NOT_FOUND, f"The site is served under {self.base}")
            return
        if inside.endswith("/sitemap.xml"):
            self._send_sitemap()
            return
        if self._send_precompressed():
            return
        super().do_GET()

    def _send_sitemap(self) -> None:
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        origin = f"http://{self.headers.get('Host', 'localhost')}{self.base}"
        text = path.read_text(encoding="utf-8")
        # The home page's <loc> is the site_url the site was built for, whatever its path.
        built_for = min(re.findall(r"<loc>([^<]+)</loc>", text) or [self.site_url], key=len)
        body = text.replace(built_for, origin).encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/xml")
        # Rewritten per request, so no sibling to serve: compressed on the fly (instant navigation
        # fetches it on every first visit; Lighthouse flagged it).
        if "gzip" in self._accepted_encodings():
            body = gzip.compress(body, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _accepted_encodings(self) -> set[str]:
        return {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}

    def _send_precompressed(self) -> bool:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            # A directory URL is its index.html, which has siblings like any page (Lighthouse
            # flagged /paged/ as uncompressed). Without the trailing slash the base class
            # redirects first, so relative links resolve.
            if not urlsplit(self.path).path.endswith("/"):
                return False
            path = path / "index.html"
        if not path.suffix or not path.is_file():
            return False
        accepted = self._accepted_encodings()
        for encoding, suffix in ENCODINGS:
            sibling = path.with_name(path.name + suffix)
            if encoding in accepted and sibling.is_file():
                # A validator, so a revalidation (Cache-Control: no-cache) gets a 304 and keeps
                # the cached body: Chromium's wasm code cache is only reused for a cached body.
                stat = sibling.stat()
                etag = f'"{encoding}-{stat.st_size:x}-{stat.st_mtime_ns:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(HTTPStatus.NOT_MODIFIED)
                    self.send_header("ETag", etag)
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    return True
                body = sibling.read_bytes()
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Vary", "Accept-Encoding")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return True
        return False


def make_server(
    directory: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    base: str = "/",
    site_url: str = "http://127.0.0.1:8000/",
    headers: dict[str, str] | None = None,
) -> ThreadingHTTPServer:
    base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
    handler = type(
        "Handler", (SiteHandler,), {"base": base, "site_url": site_url, "extra_headers": dict(headers or {})}
    )
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(directory)))
    server.daemon_threads = True
    server.base = base
    return server


def serve_in_thread(directory: Path, **kwargs) -> tuple[ThreadingHTTPServer, str]:
    """For tests and the benchmark: start on a free port, return the server and its root URL."""
    server = make_server(directory, port=kwargs.pop("port", 0), **kwargs)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}{server.base}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="site", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default=8000, type=int)
    parser.add_argument("--base", default="/", help="serve the site under this sub-path, e.g. /handbook/")
    parser.add_argument(
        "--csp-header",
        action="store_true",
        help="also send the pages' Content-Security-Policy as a header (it then reaches the Pyodide worker too)",
    )
    args = parser.parse_args()
    headers = {}
    if args.csp_header:
        from site_build.finish.csp import POLICY

        headers["Content-Security-Policy"] = POLICY
    server = make_server(args.dir, args.host, args.port, args.base, headers=headers)
    print(f"Serving {args.dir}/ at http://{args.host}:{args.port}{server.base}  (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
