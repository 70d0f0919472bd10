"""Date resolution (first version: spaCy DATE entities, left relative; see issue 6)."""

from __future__ import annotations

from khabar.context import Annotated
from khabar.model import DateRef


class DateStage:
    def __init__(self, config: dict) -> None:
        self.config = config

    def __call__(self, ctx: Annotated) -> list[DateRef]:
        return [DateRef(text=e.text, start=e.start_char, end=e.end_char, relative=True)
                for e in ctx.doc.ents if e.label_ == "DATE"]
