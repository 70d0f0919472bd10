"""Consolidation within an article: link quotes and events, find say-do contradictions."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from khabar.model import ActorRef, Contradiction, Event, Quote


def drop_repeats(events: list[Event], quotes: list[Quote]) -> tuple[list[Event], list[Quote]]:
    """Read a sentence repeated word for word in one article once (scraped pages often hold a
    paragraph twice): its events and quotes would otherwise be counted twice.

    An event is a repeat when an earlier event of the same type has the same sentence text
    and its trigger at the same place in it; a quote, when an earlier one has the same cue
    and content text.
    """
    events = _first_of_each(events, lambda e: (e.event_type, e.evidence.text,
                                               e.trigger.start - e.evidence.start, e.trigger.text))
    quotes = _first_of_each(quotes, lambda q: (q.kind, q.cue.text if q.cue else None, q.content.text,
                                               q.speaker.text if q.speaker else None))
    return events, quotes


def _first_of_each(items: list, key) -> list:
    """The items in order, each kept only if no earlier one has the same key."""
    seen: set = set()
    kept = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            kept.append(item)
    return kept


def link_quotes_to_events(events: list[Event], quotes: list[Quote]) -> tuple[list[Event], list[Quote]]:
    """Each event records the quotes whose content contains its trigger, and each quote its events."""
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


@lru_cache(maxsize=1)
def say_do_rules() -> dict:
    text = resources.files("khabar.data").joinpath("consolidate/say_do.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _identity(actor: ActorRef, state_sectors: set) -> str | None:
    if actor.code and actor.sector in state_sectors and actor.type in (None, "state", "government", "person",
                                                                         "military", "government_body"):
        return f"state:{actor.code}"
    return actor.id


def find_contradictions(events: list[Event], quotes: list[Quote]) -> list[Contradiction]:
    """Say-do gaps: the same actor commits to cooperation in one event and acts by force in another."""
    rules = say_do_rules()
    said_types, did_types = set(rules["said"]), set(rules["did"])
    ok_said, ok_did = set(rules["statuses_said"]), set(rules["statuses_did"])
    state_sectors = set(rules["state_sectors"])
    # For each deed and actor, the nearest cooperative statement by the same actor: an analyst
    # reads "says it supports the truce ... will continue operations" as one say-do pair.
    best: dict[tuple[str, str], tuple[int, Event, ActorRef]] = {}
    for said in events:
        if said.event_type not in said_types or said.aux.negated or said.status not in ok_said:
            continue
        for actor in said.actors:
            who = _identity(actor, state_sectors)
            if who is None:
                continue
            for did in events:
                if (did.id == said.id or did.event_type not in did_types or did.aux.negated
                        or did.status not in ok_did):
                    continue
                if any(_identity(a, state_sectors) == who for a in did.actors):
                    distance = abs(did.trigger.start - said.trigger.start)
                    if (who, did.id) not in best or distance < best[(who, did.id)][0]:
                        best[(who, did.id)] = (distance, said, actor)
    out: list[Contradiction] = []
    for (_, did_id), (_, said, actor) in sorted(best.items(), key=lambda kv: kv[1][1].trigger.start):
        did = next(e for e in events if e.id == did_id)
        name = actor.name or actor.text
        out.append(Contradiction(
            actor=actor, said=said.id, did=did.id,
            why=(f"{name}: {said.event_type.lower()} ({said.status}, \"{said.trigger.text}\") "
                 f"while {did.event_type.lower()} ({did.status}, \"{did.trigger.text}\")")))
    return out
