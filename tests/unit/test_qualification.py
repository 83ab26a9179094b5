import pytest

from checkers import evaluate
from checkers.rules.qualification import EXCEPTION_TAG, NEEDS_MORE_INFO_TAG, NOT_AN_EMERGENCY_TAG, STRICT_TAG


@pytest.mark.parametrize(
    ("production_unusable", "exception_criteria", "outcome", "tag"),
    [
        ("yes", "yes", "strict", STRICT_TAG),
        ("yes", "no", "strict", STRICT_TAG),
        ("yes", "unknown", "strict", STRICT_TAG),
        ("no", "yes", "exception", EXCEPTION_TAG),
        ("unknown", "yes", "exception", EXCEPTION_TAG),
        ("no", "no", "not-an-emergency", NOT_AN_EMERGENCY_TAG),
        ("no", "unknown", "needs-more-info", NEEDS_MORE_INFO_TAG),
        ("unknown", "no", "needs-more-info", NEEDS_MORE_INFO_TAG),
        ("unknown", "unknown", "needs-more-info", NEEDS_MORE_INFO_TAG),
    ],
    ids=lambda v: str(v),
)
def test_every_combination_gets_its_outcome_and_macro(production_unusable, exception_criteria, outcome, tag):
    result = evaluate(
        "qualification", {"production_unusable": production_unusable, "exception_criteria": exception_criteria}
    )
    assert result["outcome"] == outcome
    assert result["tags"] == [tag]


def test_needs_more_info_tag_stays_beside_the_final_determination():
    result = evaluate(
        "qualification", {"production_unusable": "yes", "exception_criteria": "no", "had_needs_more_info": True}
    )
    assert result["tags"] == [NEEDS_MORE_INFO_TAG, STRICT_TAG]
    assert any("intentionally remains" in action for action in result["actions"])


def test_needs_more_info_tag_is_not_doubled():
    result = evaluate(
        "qualification",
        {"production_unusable": "unknown", "exception_criteria": "unknown", "had_needs_more_info": True},
    )
    assert result["tags"] == [NEEDS_MORE_INFO_TAG]


def test_exception_tells_the_customer_it_is_a_courtesy():
    result = evaluate("qualification", {"production_unusable": "no", "exception_criteria": "yes"})
    assert "as a courtesy" in result["say"]
    assert any("as a courtesy" in action for action in result["actions"])
    assert "qualifying/#communicate-if-the-situation-qualifies-as-an-emergency-or-as-an-exception" in result["cite"]


def test_needs_more_info_asks_for_the_two_points():
    result = evaluate("qualification", {"production_unusable": "unknown", "exception_criteria": "unknown"})
    text = " ".join(result["actions"])
    assert "ability to work, or meet their business objectives" in text
    assert "specific additional context" in text


def test_result_carries_the_common_fields():
    result = evaluate("qualification", {"production_unusable": "no", "exception_criteria": "no"})
    assert {"checker", "outcome", "title", "actions", "tags", "cite"} <= result.keys()
    assert result["checker"] == "qualification"
    assert all(link.startswith("qualifying/#") for link in result["cite"])
