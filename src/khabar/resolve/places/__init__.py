"""Place resolution (first version: spaCy GPE/LOC entities, unresolved; see issue 6)."""

from __future__ import annotations

from khabar.context import Annotated
from khabar.model import PlaceRef


class PlaceStage:
    def __init__(self, config: dict) -> None:
        self.config = config

    def __call__(self, ctx: Annotated) -> list[PlaceRef]:
        return [PlaceRef(text=e.text, start=e.start_char, end=e.end_char, name=e.text)
                for e in ctx.doc.ents if e.label_ in {"GPE", "LOC", "FAC"}]
