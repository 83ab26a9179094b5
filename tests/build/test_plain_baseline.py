"""The benchmark's yardstick, a plain Material page of the seed's whole text (benchmarks/plain.py):
every section of the seed is on it, under the seed's own anchor, its headings never skip a level (or
axe would judge the seed, not the theme), and no kramdown markup is left to show as text."""

from __future__ import annotations

import re
from itertools import pairwise

from benchmarks.plain import SEED, seed_markdown
from handbook_tools import snapshot

TEXT = SEED.read_text(encoding="utf-8")
PAGE = seed_markdown(TEXT)
HEADINGS = re.findall(r"^(#{1,6}) (.+?)(?: \{#([^}]+)\})?$", PAGE, re.M)


def test_every_section_of_the_seed_is_on_the_page_under_its_anchor():
    anchors = [anchor for _, _, anchor in HEADINGS if anchor]
    assert anchors == [section.anchor for section in snapshot.parse(TEXT).sections]


def test_one_title_and_no_heading_skips_a_level():
    levels = [len(hashes) for hashes, _, _ in HEADINGS]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels))


def test_no_kramdown_markup_is_left():
    assert "{:" not in PAGE and "- TOC" not in PAGE
