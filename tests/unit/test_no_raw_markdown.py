"""Nothing a reader sees shows raw Markdown: every text of every checker, the flow's
steps and the response texts are plain text, shown with textContent, so a backtick or ** would be
seen as typed."""

from __future__ import annotations

import re

import pytest

from checkers.engine import registry
from checkers.flows.paged import FLOW
from checkers.texts import checklists, response_texts

RAW_MARKDOWN = re.compile(r"`|\*\*|\]\(|^#+ |^\s*[-*] \[[ x]\]", re.MULTILINE)


def checker_texts(name):
    checker = registry.get(name)
    yield "title", checker.title
    yield "summary", checker.summary
    for index, note in enumerate(checker.notes):
        yield f"notes[{index}]", note
    for q in checker.questions:
        yield f"{q.id}.label", q.label
        yield f"{q.id}.help", q.help
        for option in q.options:
            yield f"{q.id}.{option.value}", option.label
    for outcome in checker.outcomes:
        yield f"{outcome.code}.title", outcome.title
        yield f"{outcome.code}.say", outcome.say
        for index, action in enumerate(outcome.actions):
            yield f"{outcome.code}.actions[{index}]", action
    for index, rule in enumerate(checker.rules, start=1):
        yield f"rule {index}", rule.because
    for fact in checker.facts:
        yield f"fact {fact.id}", fact.label


@pytest.mark.parametrize("name", registry.names())
def test_no_checker_text_shows_raw_markdown(name):
    shown = [where for where, text in checker_texts(name) if RAW_MARKDOWN.search(text)]
    assert not shown, f"{name}: raw Markdown in {shown}"


def test_no_flow_or_response_text_shows_raw_markdown():
    texts = (
        [s.title for s in FLOW.steps] + [s.does for s in FLOW.steps] + [w.does for s in FLOW.steps for w in s.wordings]
    )
    texts += [w.otherwise for s in FLOW.steps for w in s.applies]
    texts += [q.label for q in FLOW.questions] + [o.label for q in FLOW.questions for o in q.options]
    texts += [e["text"] for e in response_texts.texts({})["texts"].values()]
    texts += [item.text for c in checklists.CHECKLISTS for item in c.items]
    assert not [t for t in texts if RAW_MARKDOWN.search(t)]
