"""The actor stage: every actor mention of an article, resolved with codes and sectors."""

from __future__ import annotations

import re
from collections import Counter

from khabar.annotate.tokens import doc_ents
from khabar.context import Annotated
from khabar.intervals import Intervals
from khabar.model import ActorRef
from khabar.resolve.actors.component import SPAN_KEY
from khabar.data.places import preload
from khabar.resolve.actors.context import (LOCATIVE, ArticleContext, generic_ref, guess_unknown, load_cities,
                                           place_country)
from khabar.resolve.actors.kb import Alias, KnowledgeBase, load_kb
from khabar.resolve.actors.matcher import Match, find_mentions
from khabar.resolve.actors.placenames import (gazetteer_place, is_place_list, metonym_acts, named_as_place,
                                               person_is_place)
from khabar.resolve.actors.vocab import is_common, use_nlp
from khabar.resolve.actors.persons import enrich_person, extend_person, link_short_names, role_after, token_at
from khabar.resolve.keys import name_key

LABELS = ("PERSON", "ORG", "NORP", "GPE")
# A NORP entity that names a group ("Kurds", "Alawite", "Sunni"), not a mislabelled place.
_GROUP_WORD = re.compile(r"(?:an|ese|i|ish|ic|ch|ite|ist|s|ni)\b", re.I)
# Kinds of alias that may name a place rather than an actor ("talks in Ankara").
_PLACE_KINDS = ("name", "alias", "metonym")


def _bare(name: str) -> str:
    """A name without a leading "the" ("the Bab al-Nayrab" is "Bab al-Nayrab")."""
    return name[4:] if name[:4].lower() == "the " else name


class ActorStage:
    """Resolves actor mentions; built once per pipeline, called once per article.

    ``stage(ctx)`` returns every actor mention sorted by start; ``stage.resolve_span(ctx,
    start, end)`` resolves an arbitrary noun phrase (an event argument or a speaker).
    """

    name = "khabar.actors.v1"

    def __init__(self, nlp=None, config: dict | None = None) -> None:
        config = config or {}
        self.kb: KnowledgeBase = load_kb(tuple((config.get("actors") or {}).get("extra_kb", ())))
        use_nlp(nlp)  # the English vocabulary that spelling variants must not be
        # Tables read on the first article otherwise (~0.2 s): the place names of world
        # cities and the places word lists.
        load_cities()
        preload()
        self._last = None
        self._located: tuple = (None, Counter())

    # -- the article's mentions ---------------------------------------------------------------
    def __call__(self, ctx: Annotated) -> list[ActorRef]:
        text, doc, when = ctx.article.text, ctx.doc, ctx.article.published
        matches = self.matches(ctx)
        ents = Intervals(doc_ents(doc), lambda e: (e.start_char, e.end_char))
        refs: list[ActorRef] = []
        located: Counter[str] = Counter()
        dropped = set()  # variant matches that may not stand: their words are free for _unknown
        for k, m in enumerate(matches):
            if not m.aliases:
                continue
            label = _label_over(ents, m.start, m.end)
            aliases = m.aliases if m.exact else self._variants(m, text[m.start:m.end], label)
            if not aliases:
                dropped.add(k)
                continue
            alias = self.kb.rank(aliases, text[m.start:m.end], when, label)[0]
            actor = self.kb.actors[alias.actor]
            if actor.type == "state" and based_at(text, m.end):
                continue  # "a Britain-based monitor": where a group sits, not who it is
            if actor.type == "media" and _named_town(doc, text, m.start, m.end):
                continue  # "in al-Mayadin", "Mayadin city": the town an outlet is named after
            if actor.type == "state" and alias.kind in _PLACE_KINDS and (
                    _locative(doc, m.start) or alias.kind == "metonym" and not _acts(doc, m.start, m.end)):
                if _locative(doc, m.start, ("of",)):  # not a dateline ("BEIRUT (AFP) -")
                    located[actor.code] += 1
                continue
            refs.append(self.kb.ref(alias, text[m.start:m.end], m.start, m.end, when))
        refs += self._unknown(ctx, [m for k, m in enumerate(matches) if k not in dropped], refs)
        refs.sort(key=lambda r: r.start)
        self._located = (doc, located)
        art = ArticleContext(refs, located)
        refs = link_short_names([self._shape(ctx, r, art) for r in refs])
        art = ArticleContext(refs, located)
        for m in matches:
            if m.generic and not _modifier(doc, m.start, m.end):
                g = art.pick(m.generic)
                ref = generic_ref(self.kb, g, art, text[m.start:m.end], m.start, m.end, when) if g else None
                if ref is not None:
                    refs.append(ref)
                    refs.sort(key=lambda r: r.start)  # in place: ``art.refs`` is this list
                    art.add(ref)
        return _dedupe(refs)

    def matches(self, ctx: Annotated) -> list[Match]:
        """KB matches from the ``khabar_actors`` component, or computed here if it did not run."""
        group = ctx.doc.spans.get(SPAN_KEY) if hasattr(ctx.doc, "spans") else None
        if group is None:
            return find_mentions(self.kb, ctx.article.text)
        out = []
        for span in group:
            data = span._.khabar_actor or {}
            aliases = [a for actor, text, kind in data.get("candidates", ())
                       for a in self._alias(actor, text, kind)]
            start, end = data.get("start", span.start_char), data.get("end", span.end_char)
            generic = self.kb.generic_keys.get(_lk(ctx.article.text[start:end])) if data.get("generic") else None
            out.append(Match(start, end, aliases, data.get("exact", True), generic or None))
        return out

    def _variants(self, m: Match, surface: str, label: str | None) -> list[Alias]:
        """The spelling-variant candidates of a match that may stand.

        A state is never a variant of a capital ("Douma" is not Dodoma, "Ayman" not Amman),
        of a person's name ("Angela" is not Angola) nor of a word that is itself, letter for
        letter, a place ("Douma").
        """
        states = [a for a in m.aliases if self.kb.actors[a.actor].type == "state"]
        if not states:
            return m.aliases
        if label == "PERSON" or gazetteer_place(surface, True) is not None:
            return [a for a in m.aliases if a not in states]
        return [a for a in m.aliases if a.kind != "metonym"]

    def _alias(self, actor: str, text: str, kind: str) -> list[Alias]:
        pool = self.kb.acronyms.get("".join(c for c in text if c.isalnum()), ()) if kind == "acronym" \
            else self.kb.by_key.get(name_key(text), ())
        return [a for a in pool if a.actor == actor and a.text == text and a.kind == kind][:1]

    def _unknown(self, ctx: Annotated, matches: list[Match], refs: list[ActorRef]) -> list[ActorRef]:
        """Named entities the KB does not know: output unresolved, with best guesses."""
        taken = Intervals([(m.start, m.end) for m in matches] + [(r.start, r.end) for r in refs], lambda t: t)
        added: list[tuple[int, int]] = []  # spans taken here, in text order
        added_reach = -1
        art = ArticleContext(refs)
        out = []
        # Names the article calls a settlement anywhere ("the Bab al-Nayrab neighbourhood")
        # are that place at every mention ("a journalist in Bab al-Nayrab saw ...").
        settlements = {_bare(ent.text) for ent in doc_ents(ctx.doc)
                       if ent.label_ in ("PERSON", "ORG") and named_as_place(ctx.doc, ent)}
        for ent in doc_ents(ctx.doc):
            if ent.label_ not in LABELS:
                continue
            if settlements and ent.label_ in ("PERSON", "ORG") and _bare(ent.text) in settlements:
                continue
            start, end = ent.start_char, ent.end_char
            if ent.label_ == "PERSON":
                end = extend_person(ctx.doc, ent)
            if taken.overlapping(start, end) or (
                    added_reach > start and any(s < end and start < e for s, e in added)):
                continue
            if ent.label_ == "GPE" or (ent.label_ == "NORP" and not _GROUP_WORD.search(ent.text)):
                continue  # places (cities, regions) are the places stage's; resolve_span codes them
            if ent.label_ == "ORG" and len(ent) == 1 and is_common(ent.text):
                continue  # "State" of "Secretary of State": an ordinary word, not a body's name
            text = ctx.article.text[start:end]
            if len(text.split()) <= 3:
                where = place_country(text)  # a town the model took for an organisation or person
                if where and (ent.label_ == "ORG" or where == art.focus):
                    continue
                # A town spaCy took for a person or an organisation ("Atmeh", "al-Asharah").
                if person_is_place(ctx.doc, ent, text) if ent.label_ == "PERSON" \
                        else gazetteer_place(text, False) is not None:
                    continue
                if len(text.split()) > 1 and is_place_list(text):
                    continue  # "Tartous Homs": two places run together, not a person
            code, sector = guess_unknown(self.kb, text, ent.label_, art)
            out.append(ActorRef(text=text, start=start, end=end, name=text, code=code, sector=sector,
                                type=_TYPE_OF_LABEL[ent.label_], resolved=False))
            added.append((start, end))
            added_reach = max(added_reach, end)
        return out

    def _shape(self, ctx: Annotated, ref: ActorRef, art: ArticleContext) -> ActorRef:
        """Persons get role and organisation; a demonym takes the sector of its role noun."""
        if ref.type == "person":
            return enrich_person(self.kb, ctx, ref, art)
        if ref.type == "state" and ref.id and _is_demonym(ctx.article.text, ref, self.kb):
            role = role_after(self.kb, ctx.doc, ref.end)
            if role is not None:
                noun_end, spec, adjacent = role
                update = {"sector": spec.sector}
                noun = ctx.article.text[ref.end:noun_end].split()[-1]
                known = self._phrase(f"{ref.text} {noun}", ctx, art)
                if known is not None:
                    update = {k: getattr(known, k) for k in ("id", "name", "code", "sector", "type", "wikidata")}
                if adjacent:
                    update.update(text=ctx.article.text[ref.start:noun_end], end=noun_end)
                return ref.model_copy(update=update)
        return ref

    def _phrase(self, phrase: str, ctx: Annotated, art: ArticleContext) -> ActorRef | None:
        """A demonym + noun phrase the KB knows as a whole ("Iranian militias")."""
        found = self.kb.candidates(phrase, ctx.article.published, fuzzy=False)
        if found:
            return self.kb.ref(found[0], phrase, 0, len(phrase), ctx.article.published)
        generics = self.kb.generic_keys.get(_lk(phrase))
        g = art.pick(generics) if generics else None
        if g is not None and g.actor:
            return generic_ref(self.kb, g, art, phrase, 0, len(phrase), ctx.article.published)
        return None

    def mentions_cached(self, ctx: Annotated) -> list[ActorRef]:
        """``self(ctx)``, computed once per document (for callers before ``ctx.actors`` is set)."""
        if self._last is None or self._last[0] is not ctx.doc:
            self._last = (ctx.doc, self(ctx))
        return self._last[1]

    # -- arbitrary spans ---------------------------------------------------------------------------
    def resolve_span(self, ctx: Annotated, start: int, end: int) -> ActorRef | None:
        """Resolve a noun phrase of the article (an event argument, a speaker) to one actor."""
        from khabar.resolve.actors.spans import resolve_span

        return resolve_span(self, ctx, start, end)

    def resolve_spans(self, ctx: Annotated, start: int, end: int) -> list[ActorRef]:
        """Resolve a noun phrase to every actor it names ("Russia and Turkey", "Russian and
        Turkish representatives"): one per coordinated part, else ``[resolve_span(...)]``."""
        from khabar.resolve.actors.coord import resolve_spans

        return resolve_spans(self, ctx, start, end)


_TYPE_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "NORP": "population", "GPE": "place"}


def _lk(phrase: str) -> str:
    from khabar.resolve.keys import loose_key

    return loose_key(phrase)


_BASED = re.compile(r"[-‐]based\b", re.I)


def based_at(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is followed by "-based" ("US-based group")."""
    return bool(_BASED.match(text, end))


def _label_over(ents: Intervals, start: int, end: int) -> str | None:
    for e in ents.overlapping(start, end):
        if e.start_char <= start and end <= e.end_char or start <= e.start_char < end:
            return e.label_
    return None


_PLACE_HEAD = re.compile(r"[\s-]+(?:city|town|village|countryside|area|district|province|bridge|held)\b", re.I)


def _named_town(doc, text: str, start: int, end: int) -> bool:
    """Whether an outlet's name is used for the town it shares ("in al-Mayadin", "the city of
    Mayadin", "Mayadin countryside"): a place the gazetteer knows, in a place's position."""
    return gazetteer_place(text[start:end], False) is not None and (
        _locative(doc, start, ("of",)) or _PLACE_HEAD.match(text, end) is not None)


def _locative(doc, start: int, extra: tuple[str, ...] = ()) -> bool:
    """Whether the mention at ``start`` follows a locative preposition ("in Ankara")."""
    i = token_at(doc, start) - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return False
    prev = doc[i]
    if prev.lower_ == "the" and prev.i > 0:
        prev = doc[prev.i - 1]
    return (prev.lower_ in LOCATIVE or prev.lower_ in extra) and prev.pos_ == "ADP"


def _acts(doc, start: int, end: int) -> bool:
    """Whether the capital at ``start`` acts for its state ("Damascus said"), not the city."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return metonym_acts(doc, span.root.i if span is not None else token_at(doc, start))


def _modifier(doc, start: int, end: int) -> bool:
    """Whether a generic phrase only modifies a noun ("the military operations")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    last = span[-1]
    return last.pos_ == "ADJ" and last.dep_ == "amod" and not (span.start <= last.head.i < span.end)


def _is_demonym(text: str, ref: ActorRef, kb: KnowledgeBase) -> bool:
    cands = kb.candidates(ref.text, fuzzy=False)
    return bool(cands) and cands[0].kind == "demonym"


def _dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    """Drop mentions overlapping an earlier, longer one."""
    out: list[ActorRef] = []
    for r in sorted(refs, key=lambda r: (r.start, -(r.end - r.start))):
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out
