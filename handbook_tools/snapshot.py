"""A version of the handbook page, read into sections and sentences.

Reads both the 2023 kramdown page (front matter, `{:.no_toc}`, kramdown slugs) and the later
Hugo-era pages (`+++`/`---` front matter, shortcodes, `{#id}` headings). Pure text in, data out: the
build, the review and the pins all compare text through `normalise`/`sentences`, so a re-wrapped
line, a changed link target or emphasis does not count as a change, while any changed word does.
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import NamedTuple


class SnapshotError(ValueError):
    """The text is not a handbook page: no headings, or not text at all."""


class Section(NamedTuple):
    anchor: str
    title: str
    level: int  # the heading level in the source page (1-6)
    parent: str | None  # the anchor of the closest heading above with a smaller level
    body: str  # the Markdown between this heading and the next, exactly as in the source
    line: int  # 1-based line of the heading in the source

    @property
    def sentences(self) -> list[str]:
        return list(_sentences_of(self.body))

    @property
    def text(self) -> str:
        return _text_of(self.body)

    @property
    def digest(self) -> str:
        """The text's fingerprint (not the title's: a renamed section with the same text is unchanged)."""
        return digest("\n".join(self.sentences))


class Snapshot(NamedTuple):
    front_matter: str
    sections: tuple[Section, ...]

    def by_anchor(self) -> dict[str, Section]:
        return {s.anchor: s for s in self.sections}


_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)\n.*?\n\1[ \t]*\n", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_EXPLICIT_ID = re.compile(r"\s*\{[:\s]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
_ATTRIBUTES = re.compile(r"\s*\{:[^}]*\}\s*$")


def kramdown_slug(title: str) -> str:
    """The id kramdown gives a heading (the seed's anchors, kept by the site: adr/0003)."""
    return re.sub(r"[^a-z0-9 \-]", "", plain(title).strip().rstrip(":").lower()).replace(" ", "-")


def parse(text: str) -> Snapshot:
    if not isinstance(text, str) or "\x00" in text:
        raise SnapshotError("not a text file")
    text = text.replace("\r\n", "\n")
    front = _FRONT_MATTER.match(text)
    front_matter = front.group(0) if front else ""
    lines = text.split("\n")
    first = front_matter.count("\n")
    headings: list[tuple[int, int, str, str]] = []  # line index, level, title, anchor
    fenced = False
    for index in range(first, len(lines)):
        line = lines[index]
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if not match:
            continue
        raw = match.group(2).rstrip("#").rstrip()
        explicit_id = _EXPLICIT_ID.search(raw)
        title = _ATTRIBUTES.sub("", _EXPLICIT_ID.sub("", raw)).strip()
        headings.append((index, len(match.group(1)), title, explicit_id.group(1) if explicit_id else ""))
    if not headings:
        raise SnapshotError("no headings: not a handbook page")
    sections: list[Section] = []
    seen: dict[str, int] = {}
    stack: list[tuple[int, str]] = []
    for position, (index, level, title, explicit) in enumerate(headings):
        anchor = explicit or kramdown_slug(title) or "section"
        if anchor in seen:  # kramdown and Hugo both number repeated slugs
            seen[anchor] += 1
            anchor = f"{anchor}-{seen[anchor]}"
        else:
            seen[anchor] = 0
        while stack and stack[-1][0] >= level:
            stack.pop()
        end = headings[position + 1][0] if position + 1 < len(headings) else len(lines)
        body = "\n".join(lines[index + 1 : end])
        sections.append(Section(anchor, title, level, stack[-1][1] if stack else None, body, index + 1))
        stack.append((level, anchor))
    return Snapshot(front_matter, tuple(sections))


def plain(markdown: str) -> str:
    """One line of Markdown as a reader sees it: no links, images, emphasis or kramdown/Hugo markup."""
    line = re.sub(r"\{\{[<%].*?[%>]\}\}", " ", markdown)  # Hugo shortcodes
    line = re.sub(r"\{:[^}]*\}", "", line)
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)  # image -> its alt text
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # link -> its text
    line = re.sub(r"</?[A-Za-z][^>]*>", " ", line)  # inline HTML
    return line


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u00a0", " ").replace("\u2013", "-").replace("\u2014", "-")
    text = text.replace("`", "").replace("**", "").replace("__", "")
    text = re.sub(r"(?<!\w)[*_]+|[*_]+(?!\w)", "", text)  # emphasis, not the _ in #support_gitlab-com
    return re.sub(r"\s+", " ", text).strip()


_SKIP_LINES = {"{:toc}", "{:.no_toc}", "- TOC", "----", "---", "```", "~~~"}


def sentences(markdown: str) -> list[str]:
    """The sentences of a piece of Markdown; a line break ends one too (list items, headings).
    Lines that continue a paragraph or a list item are joined first, so re-wrapping is no change."""
    blocks: list[str] = []
    current: list[str] = []
    for line in markdown.split("\n"):
        stripped = line.strip()
        starts_block = not stripped or re.match(r"^(?:[-*+]|\d+\.)\s+|^#+\s|^>|^\|", stripped)
        if starts_block or stripped in _SKIP_LINES:
            if current:
                blocks.append(" ".join(current))
            current = []
        if not stripped or stripped in _SKIP_LINES:
            continue
        stripped = re.sub(r"^#+\s*", "", stripped)
        stripped = re.sub(r"^(?:[-*+]|\d+\.)\s+", "", stripped)
        stripped = re.sub(r"^>\s*", "", stripped)
        current.append(stripped)
    if current:
        blocks.append(" ".join(current))
    parts = [p.strip() for block in blocks for p in re.split(r"(?<=[.!?:])\s+", normalise(plain(block)))]
    return [p for p in parts if len(p) > 2]


@functools.lru_cache(maxsize=1024)  # a review asks each section for its sentences once per pin
def _sentences_of(body: str) -> tuple[str, ...]:
    return tuple(sentences(body))


@functools.lru_cache(maxsize=1024)
def _text_of(body: str) -> str:
    return " ".join(_sentences_of(body))


def digest(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def same_title(a: str, b: str) -> bool:
    return title_key(a) == title_key(b)


def title_key(title: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", normalise(plain(title)).lower()))
