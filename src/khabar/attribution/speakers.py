"""Speakers: the source span resolved to an actor, its role and organisation, and coreference.

Coreference is limited to speakers and is deterministic (no neural model is available
offline): pronouns go to the most recent fitting speaker, "the official"/"the commander"
to the last speaker with that role, "the newspaper" to the last outlet cited, and "who" to
the noun its relative clause modifies. Names are compared with ``name_key``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from khabar.attribution.lexicon import CueLexicon
from khabar.context import Annotated
from khabar.model import ActorRef
from khabar.resolve.actors.stage import based_at
from khabar.resolve.keys import name_key

ResolveSpan = Callable[[Annotated, int, int], "ActorRef | None"]
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_GROUP_PRONOUNS = {"they", "them", "it"}
_ORG_LABELS = {"ORG", "NORP", "GPE"}
_PLACE_LABELS = {"LOC", "FAC"}
_ROLE_PREPS = {"in", "of", "at", "for", "with", "from", "to"}


def default_resolve_span(ctx: Annotated, start: int, end: int) -> ActorRef | None:
    """The actor mention overlapping [start, end): the longest one, or None."""
    hits = [a for a in ctx.actors if a.start < end and a.end > start]
    return max(hits, key=lambda a: (a.end - a.start, -a.start)) if hits else None


@dataclass
class Known:
    """A speaker already seen: what later pronouns and nominals may refer back to."""

    ref: ActorRef
    head: str  # lemma of the head noun ("official", "newspaper") or "" for names
    person: bool
    media: bool


@dataclass
class SpeakerResolver:
    """Resolves source spans in article order, remembering speakers for coreference."""

    ctx: Annotated
    lex: CueLexicon
    resolve_span: ResolveSpan
    seen: list[Known] = field(default_factory=list)
    outlets: list[tuple[int, ActorRef]] = field(default_factory=list)
    outlet_tokens: set[int] = field(default_factory=set)  # heads of cited outlets
    leads: dict[int, Known] = field(default_factory=dict)  # first named speaker per paragraph

    def _paragraph_start(self, pos: int) -> int:
        return self.ctx.article.text.rfind("\n", 0, pos) + 1

    def _actor(self, start: int, end: int) -> ActorRef | None:
        return self.resolve_span(self.ctx, start, end)

    def _is_media(self, head: Token, actor: ActorRef | None) -> bool:
        if head.i in self.outlet_tokens or actor is not None and actor.type == "media":
            return True
        return head.lemma_.lower() in self.lex.media_nouns

    def _name_span(self, tok: Token) -> tuple[int, int]:
        """A proper name: the token with the proper nouns just before it ("Hadi al-Bahra")."""
        doc, i = tok.doc, tok.i
        while (i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].dep_ in ("compound", "flat")
               and tok.i - i < 5):
            i -= 1
        return doc[i].idx, tok.idx + len(tok)

    def _org_span(self, obj: Token, limit: int) -> tuple[int, int]:
        """An organisation after "commander in ...": up to the next comma or the span end."""
        doc = obj.doc
        end_tok = obj
        for t in doc[obj.i + 1:]:
            if t.idx >= limit or t.is_punct and t.text in ",;()" or t.pos_ in ("VERB", "AUX"):
                break
            end_tok = t
        return obj.left_edge.idx, end_tok.idx + len(end_tok)

    def _role_like(self, tok: Token) -> bool:
        """A common noun or a lower-case word the tagger took for a name ("secretary of state")."""
        return tok.pos_ == "NOUN" or tok.is_lower or tok.lemma_.lower() in self.lex.role_nouns

    def _role_and_org(self, head: Token, start: int, end: int
                      ) -> tuple[str | None, tuple[int, int] | None, tuple[int, int] | None]:
        """Role words, organisation span and name span of a named or nominal speaker.

        Handles "X, commander in Y" (apposition), "the Y legal adviser X" (role words
        before or around a name) and "Y official" (a role noun with its organisation).
        """
        name_tok = None
        appos = [c for c in head.children if c.dep_ == "appos"]
        if head.pos_ == "PROPN":
            name_tok = head
        elif appos and appos[0].pos_ == "PROPN" and not self._role_like(appos[0]):
            name_tok = appos[0]
        anchor = None
        if head.pos_ == "NOUN" and (head.lemma_.lower() in self.lex.role_nouns or name_tok is not None):
            anchor = head
        elif appos and self._role_like(appos[0]):
            anchor = appos[0]
        if anchor is None:
            return None, None, self._name_span(name_tok) if name_tok is not None else None
        words = [anchor]
        for t in reversed([x for x in anchor.doc[anchor.left_edge.i:anchor.i] if x.idx >= start]):
            if t.dep_ in ("amod", "compound") and (t.is_lower or t.lower_ in self.lex.role_modifiers):
                words.insert(0, t)
            else:
                break
        org = None
        for c in anchor.children:
            if c.dep_ == "prep" and c.lower_ in _ROLE_PREPS:
                # "correspondent in east Aleppo" names a place, "minister of Syria" a government.
                places = _PLACE_LABELS | ({"GPE"} if c.lower_ == "in" else set())
                objs = [g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in places]
                if objs:
                    org = self._org_span(objs[0], end)
        if org is None:
            # ("a US-based group": where it sits, not whose it is)
            names = [t for t in anchor.doc[anchor.left_edge.i:words[0].i]
                     if t.idx >= start and t.pos_ == "PROPN" and not based_at(self.ctx.article.text, t.idx + len(t))]
            if names:
                org = (names[0].idx, names[-1].idx + len(names[-1]))
        role = " ".join(t.lower_ for t in words)
        return role, org, self._name_span(name_tok) if name_tok is not None else None

    def _same_name(self, name: str) -> Known | None:
        """An earlier speaker whose name ends with this one-word name (a surname)."""
        key = name_key(name)
        if not key or " " in key:
            return None
        for known in reversed(self.seen):
            full = name_key(known.ref.name or "")
            if known.person and " " in full and full.rsplit(" ", 1)[1] == key:
                return known
        return None

    def _antecedent(self, head: Token) -> Known | None:
        low, lemma = head.lower_, head.lemma_.lower()
        if low == "who" and head.head.dep_ == "relcl":
            return None  # handled by the caller through the modified noun
        for known in reversed(self.seen):
            if low in _PERSON_PRONOUNS and known.person:
                return known
            if low in _GROUP_PRONOUNS and not known.person:
                return known
            if lemma in self.lex.media_nouns and known.media:
                return known
            if lemma in self.lex.role_nouns and known.head == lemma:
                return known
        if lemma in self.lex.media_nouns and self.outlets:
            ref = self.outlets[-1][1]
            return Known(ref, lemma, False, True)
        return None

    def resolve(self, source: tuple[int, int] | None, head: Token | None,
                cue: Token | None = None) -> tuple[ActorRef | None, str | None]:
        """The speaker ActorRef (offsets of the local source span) and its role.

        A pronoun before a continuation cue ("He added") goes back to the first named
        speaker of its paragraph, not to a speaker that speaker was reporting on.
        """
        if source is None or head is None:
            return None, None
        text = self.ctx.article.text
        start, end = source
        local = {"text": text[start:end], "start": start, "end": end}
        if head.text in ("who", "that", "which") and head.head.dep_ == "relcl":
            noun = head.head.head
            ref, role = self.resolve(( noun.left_edge.idx, noun.idx + len(noun)), noun)
            return (ref.model_copy(update=local) if ref else None), role
        determined = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
        proper = any(t.pos_ == "PROPN" for t in head.subtree if start <= t.idx < end)
        # "WHO" in capitals is an organisation, not a pronoun.
        pronoun = head.lower_ in self.lex.speaker_pronouns and (not head.text.isupper() or head.text == "I")
        if pronoun or (determined and not proper and (
                head.lemma_.lower() in self.lex.media_nouns or head.lemma_.lower() in self.lex.role_nouns)):
            known = None
            # "He added": the paragraph's main speaker; "the report continues" names its own kind.
            if pronoun and cue is not None and cue.lemma_.lower() in self.lex.continuation_cues:
                known = self.leads.get(self._paragraph_start(head.idx))
                if known is not None and not (known.person or head.lower_ not in _PERSON_PRONOUNS):
                    known = None
            known = known or self._antecedent(head)
            if known is not None:
                ref = known.ref.model_copy(update=local)
                self.seen.append(Known(ref, known.head or head.lemma_.lower(), known.person, known.media))
                return ref, ref.role
            if pronoun:
                return ActorRef(**local, name=None), None
            # "the Russian foreign minister said" with no earlier minister: read the phrase itself.
        role, org, name = self._role_and_org(head, start, end)
        organisation = org_actor = None
        if org is not None:
            org_actor = self._actor(*org)
            organisation = org_actor.id if org_actor is not None and org_actor.id else text[org[0]:org[1]]
        earlier = self._same_name(text[name[0]:name[1]]) if name is not None else None
        if earlier is not None:
            # "Rudskoi said" after "Sergei Rudskoi told": the same person, already resolved.
            ref = earlier.ref.model_copy(update=local)
            self.seen.append(Known(ref, earlier.head, earlier.person, earlier.media))
            return ref, ref.role
        if name is not None:
            actor = self._actor(*name)
        elif role is None:
            actor = self._actor(head.idx, head.idx + len(head))
        elif org_actor is None:
            # "the Russian foreign minister": the phrase as a whole, which names the office
            # holder in a dated report, or at least the country; never the state itself.
            actor = self._actor(start, end)
            if actor is not None and actor.type != "person":
                # "Iranian officials": unnamed people of that state or group, coded as it
                org_actor, actor = actor, None
                organisation = org_actor.id
        else:
            actor = None  # "a Hezbollah official": an unnamed person, not the organisation
        person = name is not None and head.ent_type_ not in _ORG_LABELS or role is not None
        if actor is not None:
            label = actor.name
            if name is not None and not actor.id and actor.end - actor.start < name[1] - name[0]:
                label = text[name[0]:name[1]]  # the mention found is only part of the name
            ref = actor.model_copy(update={**local, "name": label,
                                           "role": role or actor.role,
                                           "organisation": organisation or actor.organisation})
        else:
            label = text[name[0]:name[1]] if name is not None else local["text"]
            # "a Hezbollah official": an unnamed member codes as the organisation it speaks for.
            coded = {"code": org_actor.code, "sector": org_actor.sector} if org_actor is not None else {}
            ref = ActorRef(**local, name=label, role=role, organisation=organisation,
                           type="person" if person else None, **coded)
        media = self._is_media(head, actor)
        self.seen.append(Known(ref, head.lemma_.lower() if role else "", person, media))
        self.leads.setdefault(self._paragraph_start(start), self.seen[-1])
        if media:
            self.outlets.append((start, ref))
        return ref, role

    def same(self, a: ActorRef, b: ActorRef) -> bool:
        """Whether two refs name the same actor (id, else name key)."""
        if a.id and b.id:
            return a.id == b.id
        return name_key(a.name or a.text) == name_key(b.name or b.text)
