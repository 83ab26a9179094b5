"""`review.closest` skips most ratios by bounds; whatever the sentences, it picks what computing every
ratio picks: the same candidate (the first of equals), the same owner, the same ratio, or none."""

from __future__ import annotations

import hypothesis
from hypothesis import strategies

from handbook_tools import review
from tests.tools.review_before import closest_by_every_ratio

# Few letters and short texts, so ties, repeats and ratios either side of the threshold are common.
texts = strategies.text(alphabet="ab c.", max_size=24)


@hypothesis.settings(max_examples=1500, deadline=None)
@hypothesis.given(
    wanted=texts, candidates=strategies.lists(strategies.tuples(texts, strategies.integers(0, 3)), max_size=12)
)
def test_closest_picks_what_every_ratio_picks(wanted, candidates):
    assert review.closest(wanted, review.Candidates(candidates)) == closest_by_every_ratio(wanted, candidates)
