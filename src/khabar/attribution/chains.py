"""Source chains (``Quote.via``): the publisher, then the outlet the article cites, then the speaker.

An outlet is cited when a report verb has a named, non-person subject ("Al-Hayat has
reported") or "according to" names one; it then scopes the quotes that follow it, and
"the newspaper" refers back to it. A quote by the outlet itself is reported by the
publisher alone. Chains are kept nested, never flattened: a report inside the content of
another goes through that other report's speaker.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from khabar.annotate.tokens import token_table
from khabar.attribution.clauses import doc_text
from khabar.attribution.lexicon import CueLexicon
from khabar.model import ActorRef, Quote

_REPORT_LEMMAS = {"report", "publish", "write", "broadcast", "air", "reveal", "quote", "cite"}


def publisher_ref(publisher: str | None) -> ActorRef | None:
    """The article's publisher as the head of every chain; it is not in the text (offsets 0, 0)."""
    if not publisher:
        return None
    return ActorRef(text=publisher, start=0, end=0, name=publisher, type="media")


def _named_non_person(tok: Token) -> bool:
    """Whether the words up to ``tok`` in its subtree hold a proper noun and no person's name."""
    table = token_table(tok.doc)
    toks, stack = [], [tok.i]
    while stack:  # the subtree, read from the token table (no Token objects)
        i = stack.pop()
        if i <= tok.i:
            toks.append(i)
        stack.extend(table.children[i])
    return (any(table.pos[i] == "PROPN" for i in toks)
            and not any(table.ent_type[i] == "PERSON" for i in toks))


def outlet_heads(doc: Doc, lex: CueLexicon) -> list[Token]:
    """Head tokens of cited outlets, in text order."""
    heads = []
    text = doc_text(doc)
    table = token_table(doc)
    for i, lemma in enumerate(table.lemma):
        if table.pos[i] == "VERB" and lemma in _REPORT_LEMMAS:
            tok = doc[i]
            for c in tok.children:
                # Any named subject: NER often tags Arabic-named outlets as persons.
                if c.dep_ == "nsubj" and "\n" not in text[c.idx:tok.idx] and (
                        c.pos_ == "PROPN" or _named_non_person(c)):
                    heads.append(c)
        elif table.lower[i] == "according":
            tok = doc[i]
            for prep in tok.children:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (_named_non_person(obj) or obj.lemma_.lower() in lex.media_nouns):
                        heads.append(obj)
    return sorted(heads, key=lambda t: t.i)


def nest(quotes: list[Quote], same: Callable[[ActorRef, ActorRef], bool]) -> list[Quote]:
    """Chain nested reports: a quote whose cue lies inside another quote's content is reported
    through that quote's speaker ("according to X, Y said that ..." gives Y via X)."""
    by_size = sorted(quotes, key=lambda q: q.content.end - q.content.start, reverse=True)
    final: dict[str, Quote] = {}
    for q in by_size:
        anchor = q.cue or q.speaker
        lo = min(q.content.start, anchor.start) if anchor is not None else q.content.start
        hi = max(q.content.end, anchor.end) if anchor is not None else q.content.end
        # The whole report, cue and content, must lie inside the other one's content.
        containers = [final[o.id] for o in by_size if o.id in final and o.id != q.id and anchor is not None
                      and o.content.start <= lo and hi <= o.content.end
                      and (o.content.start, o.content.end) != (q.content.start, q.content.end)]
        if containers:
            outer = min(containers, key=lambda o: o.content.end - o.content.start)
            via = list(outer.via)
            if outer.speaker is not None and not (via and same(via[-1], outer.speaker)) and not (
                    q.speaker is not None and same(q.speaker, outer.speaker)):
                via.append(outer.speaker)
            q = q.model_copy(update={"via": via})
        final[q.id] = q
    return [final[q.id] for q in quotes]
