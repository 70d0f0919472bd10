"""Fixtures for the event coder tests: code a text with the default pipeline."""

from __future__ import annotations

import pytest

from khabar.eval.plover import wire
from khabar.model import Article, article_id


@pytest.fixture(scope="session")
def code(pipeline):
    """``code(text) -> list[Event]`` with the session pipeline (actors resolver wired)."""
    wire(pipeline)

    def run(text: str):
        return pipeline.analyze(Article(id=article_id(text), text=text)).events

    return run


def only(events, event_type):
    """The events of one type (asserting there is at least one)."""
    found = [e for e in events if e.event_type == event_type]
    assert found, f"no {event_type} among {[(e.event_type, e.trigger.text) for e in events]}"
    return found


def texts(refs):
    return [r.text for r in refs]
