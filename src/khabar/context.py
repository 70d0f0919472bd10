"""The working state one article carries through the stages of a pipeline run."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from khabar.model import ActorRef, Article, DateRef, Event, PlaceRef, Quote


@dataclass
class Annotated:
    """An article, its spaCy parse and what earlier stages found in it.

    Stages read what earlier stages wrote and add their own part; none of them
    changes another stage's results. ``Doc`` character offsets equal article
    offsets (the doc is built from ``article.text`` unchanged).
    """

    article: Article
    doc: Doc
    actors: list[ActorRef] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def actors_in(self, start: int, end: int) -> list[ActorRef]:
        """Actor mentions lying within the character range [start, end)."""
        return [a for a in self.actors if a.start >= start and a.end <= end]

    def places_in(self, start: int, end: int) -> list[PlaceRef]:
        return [p for p in self.places if p.start >= start and p.end <= end]

    def dates_in(self, start: int, end: int) -> list[DateRef]:
        return [d for d in self.dates if d.start >= start and d.end <= end]
