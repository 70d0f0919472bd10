"""Runs the stages in order over articles: annotate -> resolve -> events -> attribution -> consolidate.

Data flows one way. Each stage is built once per ``Pipeline`` (knowledge bases,
lexicons and the spaCy model load once) and then called per article.
"""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator

from khabar import __version__
from khabar.annotate import build_nlp
from khabar.annotate.tokens import release
from khabar.attribution import QuoteExtractor
from khabar.config import load_config
from khabar.consolidate import drop_repeats, find_contradictions, link_quotes_to_events
from khabar.context import Annotated
from khabar.events import get_coder
from khabar.model import Analysis, Article
from khabar.resolve.actors import ActorStage
from khabar.resolve.places import PlaceStage
from khabar.resolve.time import DateStage


class Pipeline:
    """khabar's whole analysis, configured once, applied to many articles."""

    def __init__(self, config: dict | None = None) -> None:
        self.config = config or load_config()
        self.nlp = build_nlp(self.config["annotate"]["model"],
                             component_config={"khabar_actors": {
                                 "extra_kb": list(self.config["actors"]["extra_kb"])}})
        self.actors = ActorStage(self.nlp, self.config)
        self.places = PlaceStage(self.config)
        self.dates = DateStage(self.config)
        self.coder = get_coder(self.config["events"]["coder"])(self.config)
        # Later stages resolve the noun phrases they pick (arguments, speakers) through the actors stage.
        if hasattr(self.coder, "resolve_span"):
            self.coder.resolve_span = self.actors.resolve_span
        if hasattr(self.coder, "resolve_spans"):
            self.coder.resolve_spans = self.actors.resolve_spans
        self.quotes = QuoteExtractor(self.config, resolve_span=self.actors.resolve_span)
        # Component names and versions, recorded in every result (nlp.meta is rebuilt per access).
        meta = self.nlp.meta
        self.components: dict[str, str] = {
            "khabar": __version__, "spacy_model": f"{meta['name']}-{meta['version']}", "coder": self.coder.name}
        # Seconds spent per stage since construction (read by `khabar bench`).
        self.timings: dict[str, float] = defaultdict(float)
        _freeze_loaded_heap()


    def analyze(self, article: Article) -> Analysis:
        return next(iter(self.analyze_many([article])))

    def analyze_many(self, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[Analysis]:
        """Analyse articles in order, parsing them in batches with ``nlp.pipe``."""
        batch_size = batch_size or self.config["annotate"]["batch_size"]
        pairs = ((a.text, a) for a in articles)
        started = time.perf_counter()
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            self.timings["annotate"] += time.perf_counter() - started
            yield self._after_parse(Annotated(article=article, doc=doc))
            started = time.perf_counter()

    def _timed(self, stage: str, fn, *args):
        t0 = time.perf_counter()
        out = fn(*args)
        self.timings[stage] += time.perf_counter() - t0
        return out

    def _after_parse(self, ctx: Annotated) -> Analysis:
        ctx.actors = self._timed("actors", self.actors, ctx)
        ctx.places = self._timed("places", self.places, ctx)
        ctx.dates = self._timed("dates", self.dates, ctx)
        ctx.events = self._timed("events", self.coder.code, ctx)
        ctx.quotes = self._timed("attribution", self.quotes, ctx)
        events, quotes = self._timed("consolidate", drop_repeats, ctx.events, ctx.quotes)
        events, quotes = self._timed("consolidate", link_quotes_to_events, events, quotes)
        contradictions = self._timed("consolidate", find_contradictions, events, quotes)
        release(ctx.doc)  # the doc's caches go now, not after later articles
        return Analysis(
            article=ctx.article.info, events=events, quotes=quotes, actors=ctx.actors,
            places=ctx.places, dates=ctx.dates, contradictions=contradictions,
            main_place=ctx.main_place,
            pipeline=self.components,
        )


_heap_frozen = False


def _freeze_loaded_heap() -> None:
    """Exempt what is loaded now (the spaCy model, knowledge bases, lexicons) from garbage collection.

    These millions of objects live as long as the process, yet every full collection
    walked all of them again: about a fifth of khabar's own cost per article went to it.
    Done once per process, after a collection so that no garbage is kept: a worker
    process serves one pipeline for its life, and a later pipeline in the same process
    (tests, notebooks) is merely collected as usual.
    """
    global _heap_frozen
    if not _heap_frozen:
        gc.collect()
        gc.freeze()
        _heap_frozen = True

