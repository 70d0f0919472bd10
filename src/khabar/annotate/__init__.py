"""The annotate stage: one spaCy pipeline, the English model plus khabar's registered components."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from khabar.annotate.speedups import speed_up
from khabar.errors import KhabarError

# khabar's own spaCy components, added after the model's pipes, in this order.
# Each is a registered spaCy factory, so users can add them to their own pipelines
# with nlp.add_pipe("khabar_actors") once khabar is imported.
KHABAR_COMPONENTS: tuple[str, ...] = ("khabar_actors",)


def _register_components() -> None:
    import khabar.resolve.actors.component  # noqa: F401  (registers khabar_actors)


@lru_cache(maxsize=4)
def load_model(model: str) -> Language:
    """Load the bare spaCy model (no khabar components), once per process."""
    try:
        return spacy.load(model)
    except OSError:
        raise KhabarError("E050", model=model) from None


def build_nlp(model: str, components: tuple[str, ...] = KHABAR_COMPONENTS,
              component_config: dict | None = None) -> Language:
    """A fresh pipeline: the spaCy model with khabar's components added."""
    _register_components()
    try:
        nlp = spacy.load(model)
    except OSError:
        raise KhabarError("E050", model=model) from None
    speed_up(nlp)  # the model's attribute ruler and lemmatizer, faster, same annotations
    for name in components:
        nlp.add_pipe(name, config=(component_config or {}).get(name, {}))
    return nlp
