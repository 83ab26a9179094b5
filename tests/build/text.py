"""Text as a reader sees it, from the seed's Markdown and from the built HTML, normalised so the
two can be compared sentence by sentence."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_SKIP_CLASSES = {"visually-hidden", "headerlink"}


def normalise(text: str) -> str:
    text = unescape(text)
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').replace("\u00a0", " ")
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def seed_lines(markdown: str) -> list[str]:
    body = markdown.split("---", 2)[2]  # drop the front matter
    lines = []
    for line in body.splitlines():
        stripped = line.strip()
        if stripped in ("{:toc}", "{:.no_toc}", "- TOC", "----", "```"):
            continue
        line = re.sub(r"!\[([^\]]*)\]\([^)]*\)(\{:[^}]*\})?", r"\1", line)  # image -> its alt text
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # link -> its text
        line = re.sub(r"^\s*#+\s*", "", line)
        line = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line)
        line = re.sub(r"^\s*>\s*", "", line)
        lines.append(normalise(line))
    return [line for line in lines if line]


def sentences(lines: list[str]) -> list[str]:
    """Sentences of the seed; a line break ends one too (list items, headings)."""
    parts = [p.strip() for line in lines for p in re.split(r"(?<=[.!?:])\s+", line)]
    return [p for p in parts if len(p) > 2]


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "hr", "meta", "link", "wbr"):
            self.parts.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        skip = bool(classes & _SKIP_CLASSES) or tag in ("script", "style", "template")  # a template is never shown
        self._stack.append(skip)
        if skip:
            self._skip_depth += 1
        if tag in ("p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "pre", "tr"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("br", "img", "input", "hr", "meta", "link", "wbr") or not self._stack:
            return
        if self._stack.pop():
            self._skip_depth -= 1
        self.parts.append(" " if tag not in ("a", "code", "strong", "em", "abbr", "span") else "")

    def handle_data(self, data):
        if not self._skip_depth:
            self.parts.append(data)


def html_text(html: str) -> str:
    match = re.search(r"<article[^>]*>(.*)</article>", html, re.DOTALL)
    parser = _TextOf()
    parser.feed(match.group(1) if match else html)
    return normalise("".join(parser.parts))
