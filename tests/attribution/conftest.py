"""Fixtures for the attribution tests: a bare spaCy parse and an extractor."""

from __future__ import annotations

import pytest

from khabar.annotate import build_nlp
from khabar.attribution import QuoteExtractor
from khabar.config import load_config
from khabar.context import Annotated
from khabar.model import ActorRef, Article, article_id


@pytest.fixture(scope="session")
def nlp():
    return build_nlp(load_config()["annotate"]["model"], components=())


@pytest.fixture(scope="session")
def extract(nlp):
    """``extract(text, publisher=None, extractor=None) -> (quotes, ctx)``, with spaCy entities as actors."""
    default = QuoteExtractor({})

    def run(text: str, publisher: str | None = None, extractor: QuoteExtractor | None = None):
        doc = nlp(text)
        ctx = Annotated(article=Article(id=article_id(text), text=text, publisher=publisher), doc=doc)
        ctx.actors = [ActorRef(text=e.text, start=e.start_char, end=e.end_char, name=e.text)
                      for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
        return (extractor or default)(ctx), ctx

    return run
