"""The attribution stage: who said what, according to whom (issue 5).

``QuoteExtractor(config)(ctx)`` returns the article's quotes: direct quotes in marks,
indirect speech from the dependency parse, "according to" attributions and passive
reports, each with cue, content and source spans, the speaker resolved through the actors
stage (with role, organisation and speaker coreference) and the chain of sources (``via``).
"""

from __future__ import annotations

from khabar.attribution.blocks import block_quotes
from khabar.attribution.chains import nest, outlet_heads, publisher_ref
from khabar.attribution.citing import cited_as_saying
from khabar.attribution.clauses import Candidate, trim, verb_cues
from khabar.attribution.phrases import according_to, noun_cues
from khabar.attribution.direct import direct_quotes
from khabar.attribution.extent import extend_cue
from khabar.attribution.floating import settle_floating
from khabar.attribution.headlines import headline_cues
from khabar.attribution.labels import speaker_labels
from khabar.attribution.learned import (CANDIDATE_POS, MODEL_PATH, CueModel, features, learned_cues, load_model,
                                        reach_object, reach_xcomp)
from khabar.attribution.lexicon import CueLexicon, load_lexicon
from khabar.attribution.nesting import split_shared
from khabar.attribution.objects import is_physical_act
from khabar.attribution.speakers import ResolveSpan, SpeakerResolver, default_resolve_span
from khabar.context import Annotated
from khabar.errors import KhabarError
from khabar.model import ActorRef, Quote, Span, stable_id

__all__ = ["QuoteExtractor", "CueLexicon", "load_lexicon", "default_resolve_span"]

_PRIORITY = {"direct": 0, "according_to": 1, "reported": 2, "indirect": 3}


# Reports through which a nested report is kept (`nested = "outlets"`): an outlet's report
# or "according to X" wrap the real speaker's words, as in "according to the newspaper,
# the commander said that ...". Inside other reports (a quote within a quote, "she said
# he called it a lie") PolNeAR, like most readers, keeps only the outer report.
_CHAIN_KINDS = {"according_to", "reported"}
NESTED_MODES = ("outlets", "all")
CUE_MODELS = ("learned", "rules")


def _nested(cand: Candidate, others: list[Candidate]) -> bool:
    """Whether the cue lies inside the content of another report that is not an outlet's."""
    if cand.cue is None:
        return False
    def inside(cue: tuple[int, int] | None, content: tuple[int, int]) -> bool:
        return cue is not None and content[0] <= cue[0] and cue[1] <= content[1]

    # Mutual nesting ("X said that ... according to Y"): each frames the other; keep both.
    return any(o is not cand and o.kind not in _CHAIN_KINDS and inside(cand.cue, o.content)
               and not inside(o.cue, cand.content) for o in others)


def _span(text: str, se: tuple[int, int]) -> Span:
    return Span(text=text[se[0]:se[1]], start=se[0], end=se[1])


def _source_out_of_content(cand: Candidate, ctx: Annotated) -> None:
    """A source the parser hung inside the content, at its end ("... in Damascus countryside
    Al-Alam News Network reports", scraped text that lost its comma): the content stops where
    the source's name begins, and the source is that whole name."""
    head = cand.source_head
    if cand.source is None or head is None or not cand.content[0] < cand.source[0] < cand.content[1] <= cand.source[1] + 1:
        return
    # only a name the actors stage found gives the boundary; a bare noun could be the content's own
    name = next((a for a in ctx.actors if a.start <= head.idx < a.end), None)
    if name is not None and cand.content[0] < name.start and name.end >= cand.content[1] - 1:
        cand.source = (name.start, name.end)
        cand.content = trim(ctx.article.text, cand.content[0], name.start)


class QuoteExtractor:
    """Finds the quotes of an article.

    Config: ``[attribution] nested = "outlets"`` (default) keeps a report nested in another
    only when the outer one is an outlet's report or "according to"; ``"all"`` keeps every
    nested report (each chained through its container's speaker). ``cue_model = "learned"``
    (default) adds the cues the learned detector accepts (``learned.py``) to the rules';
    ``"rules"`` uses the rules alone. ``cue_threshold`` overrides the model's tuned
    acceptance probability.

    Attributes:
        resolve_span: ``(ctx, start, end) -> ActorRef | None``, the actor a source span
            names. Defaults to the longest actor mention of ``ctx.actors`` overlapping the
            span; the pipeline may set it to the actors stage's resolver.
    """

    name = "khabar.attribution.v1"

    def __init__(self, config: dict | None = None, resolve_span: ResolveSpan | None = None) -> None:
        self.config = config or {}
        self.lexicon = load_lexicon()
        self.resolve_span: ResolveSpan = resolve_span or default_resolve_span
        self.nested = self.config.get("attribution", {}).get("nested", "outlets")
        if self.nested not in NESTED_MODES:
            raise KhabarError("E012", key="attribution.nested", value=self.nested,
                              allowed=", ".join(NESTED_MODES))
        section = self.config.get("attribution", {})
        mode = section.get("cue_model", "learned")
        if mode not in CUE_MODELS:
            raise KhabarError("E012", key="attribution.cue_model", value=mode, allowed=", ".join(CUE_MODELS))
        # Without a shipped model file the default falls back to the rules; asked for, it must load.
        wanted = mode == "learned" and ("cue_model" in section or MODEL_PATH.exists())
        self.cue_model: CueModel | None = load_model() if wanted else None
        self.cue_threshold: float | None = section.get("cue_threshold")
        self.cue_extent: bool = bool(section.get("cue_extent", True))
        # Rule cues (other than beside quotation marks) the model scores below this are dropped.
        self.cue_veto: float | None = section.get("cue_veto")

    def candidates(self, ctx: Annotated) -> list[Candidate]:
        """All attributions found, before speakers are resolved, one per content span."""
        doc, lex = ctx.doc, self.lexicon
        direct, used = direct_quotes(doc, lex)
        labels = speaker_labels(doc, lex)
        # A transcript quoted paragraph by paragraph ('"PENCE: Well, ...'): the label is the
        # paragraph's cue, not the quotation's cue further back.
        direct = [c for c in direct if not any(c.content[0] <= lab.cue[0] < c.content[1] for lab in labels)]
        # A violent act on a place is no report ("attacked a military base"; objects.py).
        rules = [c for c in verb_cues(doc, lex, used) if c.cue_token is None or c.cue_token.pos_ != "VERB"
                 or not is_physical_act(c.cue_token, lex, c.content)]
        found = direct + labels + according_to(doc, lex) + rules + noun_cues(doc, lex)
        found += block_quotes(doc, lex, used | {c.cue_token.i for c in found if c.cue_token is not None})
        if self.cue_model is not None:
            veto = self.cue_model.veto if self.cue_veto is None else self.cue_veto
            # The veto learned PolNeAR's convention, which leaves most nested reports out;
            # `nested = "all"` asks for them, so it keeps every rule cue.
            if veto and self.nested == "outlets":
                found = [c for c in found if c.kind == "direct" or c.cue_token is None
                         or c.cue_token.pos_ not in CANDIDATE_POS
                         or self.cue_model.prob(features(c.cue_token, lex)) >= veto]
            found += learned_cues(doc, lex, self.cue_model, found, self.cue_threshold)
            if self.cue_extent and self.cue_model.extent:
                for cand in found:
                    if cand.cue is not None and cand.cue_token is not None and cand.cue_token.pos_ == "VERB":
                        if reach_object(cand, self.cue_model, lex, self.cue_threshold):
                            continue
                        verb = reach_xcomp(cand, self.cue_model, lex, self.cue_threshold)
                        cand.cue = extend_cue(verb, cand.cue, cand.content, self.cue_model.extent, cand.source)
        # A title-case headline whose verb the parser read as a name (headlines.py, round 6).
        found += headline_cues(doc, lex, found)
        # "X cited Y as saying Z": Z is Y's words (citing.py).
        found = cited_as_saying(found, lex)
        best: dict[tuple[int, int], Candidate] = {}
        for cand in found:
            key = cand.content
            # A cue found for a quotation beats carrying the previous speaker over (floating).
            rank = (cand.cue is None, _PRIORITY[cand.kind])
            if key not in best or rank < (best[key].cue is None, _PRIORITY[best[key].kind]):
                best[key] = cand
        kept = sorted(best.values(), key=lambda c: (c.content[0], c.content[1]))
        kept = settle_floating(kept, ctx.article.text)
        for cand in kept:
            _source_out_of_content(cand, ctx)
        if self.nested == "outlets":
            split_shared(kept, _CHAIN_KINDS)
            kept = [c for c in kept if not _nested(c, kept)]
        return kept

    def __call__(self, ctx: Annotated) -> list[Quote]:
        text = ctx.article.text
        resolver = SpeakerResolver(ctx, self.lexicon, self.resolve_span)
        outlets = [(t.idx, t) for t in outlet_heads(ctx.doc, self.lexicon)]
        resolver.outlet_tokens = {t.i for _, t in outlets}
        publisher = publisher_ref(ctx.article.publisher)
        cited: list[tuple[int, ActorRef, bool]] = []  # (offset, outlet, a document: scoped to its paragraph)
        quotes = []
        for cand in sorted(self.candidates(ctx), key=lambda c: min(c.content[0], (c.source or c.content)[0])):
            position = min(cand.content[0], (cand.source or cand.content)[0])
            # Outlets cited up to here become referents of "the newspaper" and chain links.
            while outlets and outlets[0][0] <= position + (cand.content[1] - cand.content[0]):
                _, head = outlets.pop(0)
                if cited and head.lemma_.lower() in self.lexicon.media_nouns:
                    continue  # "according to the newspaper": the outlet already cited
                span = (max(head.left_edge.idx, text.rfind("\n", 0, head.idx) + 1), head.idx + len(head))
                ref = resolver.resolve_span(ctx, *span)
                if ref is not None and ref.type == "person" and (
                        ref.resolved or head.head.lemma_.lower() == "write"):
                    # "Noam Doe wrote": a known person, or a named writer, is a speaker, not an
                    # outlet whose report would scope every later quote of the article
                    resolver.outlet_tokens.discard(head.i)
                    continue
                ref = (ref.model_copy(update={"text": text[span[0]:span[1]], "start": span[0], "end": span[1]})
                       if ref else ActorRef(text=text[span[0]:span[1]], start=span[0], end=span[1],
                                            name=text[span[0]:span[1]], type="media"))
                cited.append((span[0], ref, head.lemma_.lower() in self.lexicon.document_outlets))
                resolver.outlets.append((span[0], ref))
            speaker, role = resolver.resolve(cand.source, cand.source_head, cand.cue_token)
            kind = cand.kind
            if (kind == "indirect" and cand.cue_token is not None and cand.source_head is not None
                    and cand.cue_token.lemma_.lower() in self.lexicon.report
                    and cand.source_head.i in resolver.outlet_tokens):
                kind = "reported"  # "Al-Hayat has reported ...": the outlet's own report
            via = [publisher] if publisher else []
            # a newspaper cited once goes on reporting; a document ("according to a congressional
            # report") covers its own paragraph, not the interviews the reporter adds later
            outlet = next((r for s, r, document in reversed(cited) if s <= max(position, cand.content[1])
                           and not (document and "\n" in text[s:position])), None)
            if outlet is not None and not (speaker is not None and resolver.same(speaker, outlet)):
                via.append(outlet)
            quotes.append(Quote(
                id=stable_id("q", ctx.article.id, cand.content[0], cand.content[1]),
                kind=kind, speaker=speaker, speaker_role=role,
                cue=_span(text, cand.cue) if cand.cue else None,
                content=_span(text, cand.content), via=via,
            ))
        return sorted(nest(quotes, resolver.same), key=lambda q: q.content.start)
