"""Actor resolution: knowledge base, spaCy matcher component, article stage (issue 3).

- ``load_kb(extra_files=()) -> KnowledgeBase``: the knowledge base; ``kb.resolve_name(text,
  when=None, label=None) -> ActorRef | None``; ``kb.candidates(...)``; ``kb.actors[id]``.
- ``ActorStage(nlp, config)``: ``stage(ctx) -> list[ActorRef]`` and
  ``stage.resolve_span(ctx, start, end) -> ActorRef | None``.
- spaCy factory ``khabar_actors`` (``khabar.resolve.actors.component``).
"""

from khabar.resolve.actors.kb import KnowledgeBase, load_kb
from khabar.resolve.actors.stage import ActorStage


def kb_stats() -> dict:
    """Knowledge-base size and matching cost at 1x and 10x aliases (read by ``khabar bench``)."""
    from khabar.resolve.actors.scaling import kb_stats as _stats

    return _stats()


__all__ = ["ActorStage", "KnowledgeBase", "kb_stats", "load_kb"]
