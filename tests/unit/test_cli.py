import io
import json

import pytest

from checkers.cli import main


def run(capsys, *argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_names_every_checker(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "qualification" in [c["name"] for c in json.loads(out)]


def test_schema_describes_questions_with_defaults(capsys):
    code, out, _ = run(capsys, "schema", "qualification")
    questions = {q["id"]: q for q in json.loads(out)["questions"]}
    assert code == 0
    assert questions["production_unusable"]["required"] is True
    assert [o["value"] for o in questions["exception_criteria"]["options"]] == ["yes", "no", "unknown"]
    assert questions["had_needs_more_info"]["default"] is False


def test_evaluate_prints_the_result(capsys):
    code, out, _ = run(
        capsys, "evaluate", "qualification", "--json", '{"production_unusable": "yes", "exception_criteria": "no"}'
    )
    assert code == 0
    assert json.loads(out)["outcome"] == "strict"


def test_evaluate_reads_stdin(capsys, monkeypatch):
    code, out, _ = run(
        capsys,
        "evaluate",
        "qualification",
        "--json",
        "-",
        stdin='{"production_unusable": "no", "exception_criteria": "no"}',
        monkeypatch=monkeypatch,
    )
    assert code == 0
    assert json.loads(out)["outcome"] == "not-an-emergency"


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (
            ["evaluate", "qualification", "--json", '{"production_unusable": "maybe", "exception_criteria": "no"}'],
            "production_unusable",
        ),
        (["evaluate", "qualification", "--json", '{"exception_criteria": "no"}'], "production_unusable"),
        (
            [
                "evaluate",
                "qualification",
                "--json",
                '{"production_unusable": "yes", "exception_criteria": "no", "had_needs_more_info": "yes"}',
            ],
            "had_needs_more_info",
        ),
        (
            [
                "evaluate",
                "qualification",
                "--json",
                '{"production_unusable": "yes", "exception_criteria": "no", "colour": "red"}',
            ],
            "colour",
        ),
        (["evaluate", "qualification", "--json", "[1, 2]"], "answers"),
        (["evaluate", "qualification", "--json", "{not json"], "--json"),
        (["evaluate", "no-such-checker"], "checker"),
        (["schema", "no-such-checker"], "checker"),
    ],
    ids=[
        "unknown-value",
        "missing-required",
        "wrong-type",
        "unknown-answer",
        "not-an-object",
        "bad-json",
        "unknown-checker",
        "unknown-schema",
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(capsys, argv, field):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"error: {field}: ")
