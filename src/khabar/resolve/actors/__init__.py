"""Actor resolution (first version: spaCy entities only; see issue 3)."""

from __future__ import annotations

from khabar.context import Annotated
from khabar.model import ActorRef

_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


class ActorStage:
    name = "khabar.actors.v0"

    def __init__(self, nlp, config: dict) -> None:
        self.config = config

    def __call__(self, ctx: Annotated) -> list[ActorRef]:
        return [ActorRef(text=e.text, start=e.start_char, end=e.end_char, name=e.text)
                for e in ctx.doc.ents if e.label_ in _LABELS]
