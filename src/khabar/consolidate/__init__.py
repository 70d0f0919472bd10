"""Consolidation within an article: link quotes and events, find say-do contradictions."""

from __future__ import annotations

from khabar.model import Contradiction, Event, Quote


def link_quotes_to_events(events: list[Event], quotes: list[Quote]) -> tuple[list[Event], list[Quote]]:
    """Each event records the quotes whose content contains its trigger, and vice versa."""
    by_event: dict[str, list[str]] = {e.id: list(e.attribution) for e in events}
    new_quotes = []
    for q in quotes:
        inside = [e.id for e in events
                  if q.content.start <= e.trigger.start and e.trigger.end <= q.content.end]
        for eid in inside:
            if q.id not in by_event[eid]:
                by_event[eid].append(q.id)
        new_quotes.append(q.model_copy(update={"events": sorted(set(q.events) | set(inside))}))
    new_events = [e.model_copy(update={"attribution": by_event[e.id]}) for e in events]
    return new_events, new_quotes


def find_contradictions(events: list[Event], quotes: list[Quote]) -> list[Contradiction]:
    return []
