"""The working state one article carries through the stages of a pipeline run."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from khabar.intervals import Intervals
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

    _indexes: dict = field(default_factory=dict, repr=False, compare=False)

    def _index(self, name: str, items: list) -> Intervals:
        # Rebuilt when a stage replaces or extends the list, so answers are never stale.
        hit = self._indexes.get(name)
        if hit is None or hit[0] is not items or len(hit[1]) != len(items):
            hit = self._indexes[name] = (items, Intervals(items))
        return hit[1]

    def actors_in(self, start: int, end: int) -> list[ActorRef]:
        """Actor mentions lying within the character range [start, end)."""
        return self._index("actors", self.actors).within(start, end)

    def places_in(self, start: int, end: int) -> list[PlaceRef]:
        return self._index("places", self.places).within(start, end)

    def places_over(self, start: int, end: int) -> list[PlaceRef]:
        """Place mentions containing the whole character range [start, end)."""
        return self._index("places", self.places).covering(start, end)

    def dates_in(self, start: int, end: int) -> list[DateRef]:
        return self._index("dates", self.dates).within(start, end)

    @property
    def main_place(self) -> PlaceRef | None:
        """The article's main place (``khabar.resolve.places.main_place``), once per document:
        the events stage falls back to it and the analysis reports it."""
        hit = self._indexes.get("main_place")
        if hit is None or hit[0] is not self.places or hit[1] != len(self.places) \
                or hit[2] is not self.actors:
            from khabar.resolve.places.main import main_place  # the places package imports this module

            found = main_place(self.places, self.article.text, self.actors)
            hit = self._indexes["main_place"] = (self.places, len(self.places), self.actors, found)
        return hit[3]
