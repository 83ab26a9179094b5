"""Review a new version of the handbook page against the pins: what changed, and who stands on it.

`review(new, lock, dependents)` compares the sections of `new` (a `Snapshot`) with `lock` (the
sections of the version last reviewed, `handbook/sections.lock.json`) by title first, then by
anchor, then by how much of their text they share (a renamed heading), and checks every pin of every
dependent against the new text, sentence by sentence. A pin that cites a section of the Emergency
Exception Workflow (a separate page, `handbook/emergency_exception_workflow.md`) is checked against
that page instead: the section or a section under it must still hold the sentence. Pure data in and
out: the CLI (`python -m checkers review NEW.md [--json]`) reads the files, `--repin` writes them.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import repeat
from typing import Any

from checkers.engine import handbook
from checkers.engine.pins import Pin
from handbook_tools.pins import Dependent
from handbook_tools.snapshot import Section, Snapshot, digest, normalise, sentences, title_key

_SIMILAR_TEXT = 0.5  # share of sentences two sections must share to be one section under a new title
_SIMILAR_SENTENCE = 0.6  # difflib ratio above which a sentence is the pinned one, changed


def lock_of(snap: Snapshot) -> dict[str, Any]:
    """What the lock keeps of a reviewed version: each section's place, title and fingerprints."""
    return {
        "sections": [
            {
                "anchor": s.anchor,
                "title": s.title,
                "level": s.level,
                "parent": s.parent,
                "digest": s.digest,
                "sentences": [digest(x)[:8] for x in s.sentences],
            }
            for s in snap.sections
        ]
    }


def match_sections(old: list[dict[str, Any]], new: Snapshot) -> dict[str, Section | None]:
    """Old anchor -> the new section it became (None: removed)."""
    matched: dict[str, Section | None] = {}
    free = list(new.sections)

    def take(section: Section) -> Section:
        free.remove(section)
        return section

    for entry in old:  # same title (slugs differ between kramdown and Hugo)
        same = [s for s in free if title_key(s.title) == title_key(entry["title"])]
        if same:
            matched[entry["anchor"]] = take(next((s for s in same if s.anchor == entry["anchor"]), same[0]))
    for entry in old:  # same anchor, new title
        if entry["anchor"] not in matched:
            same = [s for s in free if s.anchor == entry["anchor"]]
            if same:
                matched[entry["anchor"]] = take(same[0])
    fingerprints = {s: {digest(x)[:8] for x in s.sentences} for s in free}
    for entry in old:  # renamed: most of the text is the same
        if entry["anchor"] in matched or not entry["sentences"]:
            continue
        old_sentences = set(entry["sentences"])
        best, share = None, 0.0
        for s in free:
            new_sentences = fingerprints[s]
            overlap = len(old_sentences & new_sentences) / max(len(old_sentences), len(new_sentences), 1)
            if overlap > share:
                best, share = s, overlap
        if best is not None and share >= _SIMILAR_TEXT:
            matched[entry["anchor"]] = take(best)
    for entry in old:
        matched.setdefault(entry["anchor"], None)
    return matched


def _sections_report(
    old: list[dict[str, Any]], new: Snapshot, matched: dict[str, Section | None]
) -> list[dict[str, Any]]:
    rows = []
    new_anchor_of = {anchor: s.anchor for anchor, s in matched.items() if s is not None}
    for entry in old:
        section = matched[entry["anchor"]]
        if section is None:
            rows.append({"anchor": entry["anchor"], "title": entry["title"], "status": "removed", "moved": False})
            continue
        moved = (
            section.anchor != entry["anchor"]
            or section.title != entry["title"]
            or section.level != entry["level"]
            or section.parent != new_anchor_of.get(entry["parent"], entry["parent"])
        )
        row = {
            "anchor": entry["anchor"],
            "title": entry["title"],
            "status": "unchanged" if section.digest == entry["digest"] else "changed",
            "moved": moved,
        }
        if moved:
            row.update(
                new_anchor=section.anchor, new_title=section.title, new_level=section.level, new_parent=section.parent
            )
        rows.append(row)
    taken = {s.anchor for s in matched.values() if s is not None}
    rows += [
        {"anchor": s.anchor, "title": s.title, "status": "added", "moved": False}
        for s in new.sections
        if s.anchor not in taken
    ]
    return rows


@functools.lru_cache(maxsize=4096)  # every pin of a section's size asks for the same runs
def _candidates(section: Section, size: int) -> tuple[str, ...]:
    """Runs of the section's sentences about as long as the pin (a pin, a checklist item, may quote
    several sentences, or one cut at a colon)."""
    parts = section.sentences
    return tuple(
        " ".join(parts[i : i + n]) for n in range(max(1, size - 1), size + 2) for i in range(len(parts) - n + 1)
    )


def _ratio(matches: int, length: int) -> float:
    """difflib's own arithmetic, so a bound equal to a ratio compares equal to it."""
    return 2.0 * matches / length if length else 1.0


@functools.lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@functools.lru_cache(maxsize=8192)
def _letters(text: str) -> dict[str, int]:
    return dict(Counter(text))


class Candidates[T]:
    """The texts a changed sentence may have become, each with its owner (its section), in order:
    each text's first place, and the texts by length, for `closest`."""

    def __init__(self, pairs: Iterable[tuple[str, T]]) -> None:
        self.pairs = tuple(pairs)
        self.first: dict[str, tuple[int, T]] = {}
        for index, (text, owner) in enumerate(self.pairs):
            self.first.setdefault(text, (index, owner))
        self._by_length = sorted((len(text), index, text) for text, (index, _) in self.first.items())
        self._lengths = [length for length, _, _ in self._by_length]
        self._words = [_words(text) for _, _, text in self._by_length]

    def _window(self, size: int, ratio: float) -> slice:
        low = bisect.bisect_left(self._lengths, math.floor(size * ratio / (2 - ratio)) - 1)
        return slice(low, bisect.bisect_right(self._lengths, math.ceil(size * (2 - ratio) / ratio) + 1))

    def long_enough(self, size: int, ratio: float) -> list[tuple[int, int, str]]:
        """(length, place, text) of the texts whose length alone lets them reach `ratio` beside a
        text of `size` characters (2 * shorter / both >= ratio), and maybe one or two more."""
        return self._by_length[self._window(size, ratio)]

    def most_words_shared(self, wanted: str, ratio: float) -> tuple[int, int, str] | None:
        """Of the texts long enough to reach `ratio`, one sharing the most words with `wanted`."""
        window = self._window(size=len(wanted), ratio=ratio)
        shared = list(map(len, map(_words(wanted).__and__, self._words[window])))
        if not shared:
            return None
        return self._by_length[window][max(range(len(shared)), key=shared.__getitem__)]

    def __iter__(self) -> Iterator[tuple[str, T]]:
        return iter(self.pairs)


def closest[T](wanted: str, candidates: Candidates[T]) -> tuple[str, T, float] | None:
    """The candidate most like `wanted` by `difflib.SequenceMatcher(None, wanted, candidate,
    autojunk=False).ratio()`, the first of them on a tie, with its ratio; None when no ratio reaches
    _SIMILAR_SENTENCE.

    The same answer as computing every ratio, in a fraction of the time. The exact ratio is costly
    (quadratic), so candidates are tried from the highest upper bound down, and one is skipped when
    a bound shows it cannot beat the best so far: first the lengths (difflib's `real_quick_ratio`),
    then the letters the two share, counted with repeats (its `quick_ratio`).
    """
    first = candidates.first
    if wanted in first:
        index, owner = first[wanted]
        return wanted, owner, 1.0
    size, letters = len(wanted), _letters(wanted)
    keys, counts = list(letters), list(letters.values())

    def ratio_of(text: str) -> float:
        return difflib.SequenceMatcher(None, wanted, text, autojunk=False).ratio()

    def can_win(bound: float, index: int) -> bool:
        return bound >= _SIMILAR_SENTENCE and (best is None or (bound, -index) >= (best[0], -best[1]))

    best: tuple[float, int, str] | None = None  # ratio, index, text
    # A close candidate measured first makes the bounds below rule out nearly every other one.
    likely = candidates.most_words_shared(wanted, _SIMILAR_SENTENCE)
    if likely is not None and (ratio := ratio_of(likely[2])) >= _SIMILAR_SENTENCE:
        best = ratio, likely[1], likely[2]
    bounds = []
    for length, index, text in candidates.long_enough(size, best[0] if best else _SIMILAR_SENTENCE):
        if not can_win(_ratio(min(size, length), size + length), index):
            continue
        shared = _letters(text)
        bound = _ratio(sum(map(min, counts, map(shared.get, keys, repeat(0)))), size + length)
        if can_win(bound, index):
            bounds.append((-bound, index, text))
    for negative_bound, index, text in sorted(bounds):
        if not can_win(-negative_bound, index):
            break  # sorted by bound, then by place: no candidate left can beat the best
        if (likely is None or index != likely[1]) and can_win(ratio := ratio_of(text), index):
            best = ratio, index, text
    if best is None:
        return None
    return best[2], first[best[2]][1], best[0]


def pin_status(pin: Pin, new: Snapshot, matched: dict[str, Section | None]) -> dict[str, Any]:
    """`unchanged`, `moved` (the sentence stands under another anchor: the citation must follow),
    `changed` (with the sentence that replaced it) or `removed`."""
    wanted = normalise(pin.sentence)
    target = matched.get(pin.anchor) if pin.anchor in matched else new.by_anchor().get(pin.anchor)
    if target is not None and wanted in target.text:
        if target.anchor == pin.anchor:
            return {"status": "unchanged"}
        return {"status": "moved", "new_anchor": target.anchor}
    elsewhere = next((s for s in new.sections if wanted in s.text), None)
    if elsewhere is not None:
        return {"status": "moved", "new_anchor": elsewhere.anchor}
    found = closest(wanted, _candidates_in([target] if target is not None else new.sections, pin))
    if found is not None:
        best, owner, _ = found
        return {"status": "changed", "new_anchor": owner.anchor, "new_sentence": best}
    return {"status": "removed"}


def _candidates_in(sections: Iterable[Section], pin: Pin) -> Candidates[Section]:
    return _runs_in(tuple(sections), len(sentences(pin.sentence)) or 1)


@functools.lru_cache(maxsize=64)  # the pins of a review share a few (sections, size) pairs
def _runs_in(sections: tuple[Section, ...], size: int) -> Candidates[Section]:
    return Candidates((run, section) for section in sections for run in _candidates(section, size))


def cites_exception_workflow(anchor: str) -> bool:
    found = handbook.SECTIONS.get(anchor)
    return found is not None and found.source == handbook.EXCEPTION_WORKFLOW


def exception_pin_status(pin: Pin, page: Snapshot | None) -> dict[str, Any]:
    """A pin on the Emergency Exception Workflow, against that page: `unchanged` while its section, or
    one under it (an example's variants are subsections), holds the sentence; else `changed` (with the
    closest sentence there) or `removed` (no such section, or no page given)."""
    sections = list(page.sections) if page is not None else []
    under = {pin.anchor}
    for s in sections:  # parents come before their subsections
        if s.parent in under:
            under.add(s.anchor)
    scope = [s for s in sections if s.anchor in under]
    if pin.anchor not in {s.anchor for s in scope}:
        return {"status": "removed"}
    wanted = normalise(pin.sentence)
    if any(wanted in s.text for s in scope):
        return {"status": "unchanged"}
    found = closest(wanted, _candidates_in(scope, pin))
    if found is not None:
        # Cited by the section's anchor, as written: `--repin` rewrites it in place.
        return {"status": "changed", "new_anchor": pin.anchor, "new_sentence": found[0]}
    return {"status": "removed"}


def review(
    new: Snapshot, lock: dict[str, Any], dependents: Iterable[Dependent], exception_workflow: Snapshot | None = None
) -> dict[str, Any]:
    """`exception_workflow`: the Emergency Exception Workflow page the pins citing it are checked
    against (without it, those pins count as removed)."""
    old = list(lock.get("sections", ()))
    matched = match_sections(old, new)
    rows = []
    for dependent in dependents:
        for pin in dependent.pins:
            if cites_exception_workflow(pin.anchor):
                found = exception_pin_status(pin, exception_workflow)
            else:
                found = pin_status(pin, new, matched)
            if found["status"] == "unchanged":
                continue
            rows.append(
                {
                    "kind": dependent.kind,
                    "name": dependent.name,
                    "anchor": pin.anchor,
                    "status": found["status"],
                    "sentence": pin.sentence,
                    "new_sentence": found.get("new_sentence"),
                    "new_anchor": found.get("new_anchor"),
                    "source": dependent.source,
                }
            )
    return {
        "sections": _sections_report(old, new, matched),
        "dependents": rows,
        "checkers_to_review": sorted({r["name"] for r in rows if r["kind"] == "checker"}),
    }


def json_report(result: dict[str, Any]) -> str:
    """What `python -m checkers review --json` prints."""
    return json.dumps(result, indent=2, ensure_ascii=False)


def unpinned(dependents: Iterable[Dependent]) -> list[str]:
    """Dependents that declare no pin (a build test requires one at least)."""
    return [f"{d.kind} {d.name}" for d in dependents if not d.pins]


def text_report(result: dict[str, Any], lock_name: str) -> str:
    lines = [f"Sections, against {lock_name} (the version last reviewed):"]
    unchanged = 0
    for row in result["sections"]:
        if row["status"] == "unchanged" and not row["moved"]:
            unchanged += 1
            continue
        line = f"  {row['status']:<9} #{row['anchor']}  {row['title']!r}"
        if row["moved"]:
            line += (
                f"\n            moved: now #{row['new_anchor']} {row['new_title']!r} (heading level {row['new_level']}"
            )
            line += f", under #{row['new_parent']})" if row["new_parent"] else ", at the top)"
        lines.append(line)
    lines.append(f"  ({unchanged} sections unchanged)")
    if not result["dependents"]:
        lines.append("No checker, flow step, checklist, text or drill relies on changed or removed text.")
        return "\n".join(lines)
    lines.append("Dependents that rely on changed, moved or removed text (review each, then re-pin):")
    for row in result["dependents"]:
        lines.append(f"  {row['kind']} {row['name']}: #{row['anchor']} {row['status']}  ({row['source']})")
        lines.append(f"      pinned: {row['sentence']}")
        if row["new_sentence"]:
            lines.append(f"      now:    {row['new_sentence']}")
        elif row["new_anchor"]:
            lines.append(f"      now under #{row['new_anchor']}")
    lines.append("Checkers to review: " + (", ".join(result["checkers_to_review"]) or "none"))
    return "\n".join(lines)
