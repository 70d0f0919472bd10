"""The events stage: PLOVER event coding. Coders are registered by name (``khabar.registry.coders``)."""

from __future__ import annotations

from typing import Protocol

from khabar import registry
from khabar.context import Annotated
from khabar.errors import KhabarError
from khabar.model import Event


class EventCoder(Protocol):
    """What an event coder is: built from the config, turns an annotated article into events."""

    name: str

    def __init__(self, config: dict) -> None: ...

    def code(self, ctx: Annotated) -> list[Event]: ...


def get_coder(name: str) -> type[EventCoder]:
    registry.ensure_builtins()
    try:
        return registry.coders.get(name)
    except Exception:
        raise KhabarError("E052", name=name, kind="events.coder",
                          known=", ".join(sorted(registry.coders.get_all()))) from None
