"""khabar: evidence-linked PLOVER event data, quotes and sources from conflict and political news.

Quick use::

    import khabar
    result = khabar.analyze(text, published="2016-12-01")
    result.events, result.quotes, result.actors, result.places, result.dates
    print(result.to_json())
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "analyze", "analyze_many", "events_frame", "quotes_frame"]


def __getattr__(name: str):
    # Lazy: importing khabar must stay cheap (spaCy loads only when analysing).
    if name in {"analyze", "analyze_many", "events_frame", "quotes_frame"}:
        from khabar import api

        return getattr(api, name)
    raise AttributeError(name)
