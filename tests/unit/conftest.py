"""Fixtures for the checkers' unit tests (these also run inside Pyodide: no subprocess, no network)."""

from __future__ import annotations

import json

import pytest

from checkers.cli import main


class CommandLine:
    """`python -m checkers evaluate NAME --json ...`, run in-process."""

    def __init__(self, capsys):
        self._capsys = capsys

    def evaluate(self, name: str, answers: dict) -> dict:
        code = main(["evaluate", name, "--json", json.dumps(answers)])
        out, err = self._capsys.readouterr()
        assert code == 0, err
        return json.loads(out)

    def assert_rejects(self, name: str, answers: dict, field: str) -> None:
        """Exit status 2, nothing on stdout, one line on stderr naming the field."""
        code = main(["evaluate", name, "--json", json.dumps(answers)])
        out, err = self._capsys.readouterr()
        assert code == 2
        assert out == ""
        assert err.count("\n") == 1
        assert err.startswith(f"error: {field}: ")


@pytest.fixture
def cli(capsys) -> CommandLine:
    return CommandLine(capsys)
