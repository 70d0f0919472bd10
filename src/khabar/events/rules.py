"""The rule-based PLOVER coder, ``khabar.events.rules.v1`` (placeholder; see issue 4)."""

from __future__ import annotations

from khabar import registry
from khabar.context import Annotated
from khabar.model import Event


@registry.coders.register("khabar.events.rules.v1")
class RuleCoder:
    name = "khabar.events.rules.v1"

    def __init__(self, config: dict) -> None:
        self.config = config

    def code(self, ctx: Annotated) -> list[Event]:
        return []
