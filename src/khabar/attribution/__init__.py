"""The attribution stage: who said what, according to whom (placeholder; see issue 5)."""

from __future__ import annotations

from khabar.context import Annotated
from khabar.model import Quote


class QuoteExtractor:
    def __init__(self, config: dict) -> None:
        self.config = config

    def __call__(self, ctx: Annotated) -> list[Quote]:
        return []
