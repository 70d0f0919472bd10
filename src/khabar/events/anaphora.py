"""Antecedents of pronoun actors: "Ahrar al-Sham said ... . It pledged to keep fighting".

A deterministic, conservative rule (no coreference model). A pronoun subject of an event
predicate, or a possessive pronoun owning an event noun ("its offensive"), takes the
actor mention of the actors stage it most plausibly refers to:

- "it"/"its": a non-person actor (state, armed group, military, IGO ...);
- "they"/"their": a group actor, or a plural noun phrase the actors stage resolved;
- "he"/"she"/"his"/"her": a person.

Only actors before the pronoun in its own sentence, else in the previous one, count; never
across a paragraph break, never inside a quotation when the pronoun is outside it (and a
pronoun inside a quotation is left alone: the speaker's "it" is anyone). When the scope
holds several different candidates of the right kind, the sentence's grammatical subject
wins; when there is none, or the sentence reports someone else's clause ("X said Y ..."),
nothing is resolved; nor when the previous sentence's subject is a noun phrase of the
pronoun's number that names no candidate ("The town was shelled by X. It ..."). The same
pronoun as the previous sentence's subject is followed back ("He said ... . He added").
Only pronoun subjects of verbs that carry an act (trigger, light, controlling verbs; a
speech verb only for the speaker of a request) count: "he described the clashes" does not.
The kinds are data (``cues.yaml``: ``pronoun_kinds``, ``pronoun_nonperson_types``,
``pronoun_group_types``, ``pronoun_expletive_heads``, ``pronoun_experiencer_heads``).

The per-document indexes (paragraphs, quotations, sentences, candidate mentions) are built
once, lazily, on the first pronoun of a document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from contextlib import contextmanager
from dataclasses import dataclass

from spacy.tokens import Token

from khabar.attribution.quotemarks import find_quotations
from khabar.context import Annotated
from khabar.events.phrases import np_tokens
from khabar.model import ActorRef

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# a mention that only modifies another noun ("French President X", "the agency's reporter",
# "Syrian army positions") is not what a later pronoun refers to
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss"}
MAX_CHAIN = 3  # pronoun -> pronoun steps followed back ("He said ... . He added ...")
# a common plural noun ("rebels", "government forces") is "they", never "it"; a plural
# name ("the Philippines") may be either
PLURAL_TAGS = {"NNS"}


@dataclass(frozen=True)
class _Cand:
    ref: ActorRef
    sent: int
    para: int
    subject: bool      # inside the subject of its sentence's main verb
    reported: bool     # inside the subject of a clause reported by the main (speech) verb
    plural: bool


class Antecedents:
    """Finds the antecedent of pronoun actors in one article.

    Args:
        ctx: the annotated article (its ``actors`` are the candidates).
        cues: the coder's cue lists, ``name -> frozenset`` (``Lexicon.cue``).
        agentive: lemmas of verbs whose subject is the actor of the event they carry (trigger,
            light and speech verbs; see :func:`agentive_verbs`).
    """

    def __init__(self, ctx: Annotated, cue, agentive: frozenset[str] = frozenset()) -> None:
        self.ctx = ctx
        self.agentive = agentive
        self.kinds = _kind_map(cue("pronoun_kinds"))
        self.nonperson = cue("pronoun_nonperson_types")
        self.groups = cue("pronoun_group_types")
        self.expletive = cue("pronoun_expletive_heads")
        self.experiencer = cue("pronoun_experiencer_heads")
        self.speech = cue("speech_verbs")
        # set by the coder while it reads the speaker of "X said Y must ..." (a request)
        self.speakers = False
        self._built = False

    # -- per-document indexes ---------------------------------------------------------
    def _build(self) -> None:
        text = self.ctx.article.text
        self._breaks = [m.start() for m in re.finditer("\n\n", text)]
        self._quotes = [(q.start, q.end) for q in find_quotations(text)]
        sents = list(self.ctx.doc.sents)
        self._starts = [s.start_char for s in sents]
        self._roots = [s.root for s in sents]
        subj = [self._subject_spans(s.root) for s in sents]
        cands: dict[int, list[_Cand]] = {}
        for ref in sorted(self.ctx.actors, key=lambda r: r.start):
            if ref.type in {None, "place"} or self._quoted(ref.start):
                continue
            span = self.ctx.doc.char_span(ref.start, ref.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in MODIFIER_DEPS:
                continue  # "French" in "French President X": a modifier, not a party
            si = self.sentence(ref.start)
            main, reported = subj[si]
            plural = span is not None and span.root.tag_ in PLURAL_TAGS
            cands.setdefault(si, []).append(_Cand(ref, si, self.paragraph(ref.start),
                                                  _within(ref, main), _within(ref, reported), plural))
        self._cands = cands
        self._built = True

    def _subject_spans(self, root: Token) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Char ranges of the main verb's subject and, under a speech verb, of the subjects
        of the clauses it reports ("X said Y attacked ...")."""
        # coordinated subjects ("Russia and Turkey met") are all subjects: no preference
        main = [_range(s) for c in root.children if c.dep_ in SUBJECT_DEPS
                for s in [c, *c.conjuncts]]
        reported = []
        if root.lemma_.lower() in self.speech:
            reported = [_range(s) for c in root.children if c.dep_ in {"ccomp", "parataxis"}
                        for g in c.children if g.dep_ in SUBJECT_DEPS for s in [g, *g.conjuncts]]
        return main, reported

    def paragraph(self, pos: int) -> int:
        return bisect_right(self._breaks, pos)

    def sentence(self, pos: int) -> int:
        return max(bisect_right(self._starts, pos) - 1, 0)

    def _quoted(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self._quotes)

    def quoted(self, pos: int) -> bool:
        """Whether a character offset lies inside a quotation."""
        if not self._built:
            self._build()
        return self._quoted(pos)

    # -- resolution ---------------------------------------------------------------------
    def kind(self, tok: Token) -> str | None:
        """The kind of actor a pronoun stands for ("nonperson", "group", "person")."""
        return self.kinds.get(tok.lower_)

    def applies(self, tok: Token, event_nouns: frozenset[str] | set[str]) -> bool:
        """Whether a pronoun is in an actor position this rule covers: the subject of a
        predicate (not an expletive "it is ..."), or the owner of an event noun."""
        if self.kind(tok) is None or (tok.text.isupper() and len(tok.text) > 1):
            return False  # "IT" in capitals is a word, not a pronoun
        if tok.dep_ == "nsubj":
            # "they faced an offensive", "he described the clashes": who undergoes or tells
            # of an act named in the object is not its author; a trigger, light or speech
            # verb, or one controlling a clause ("decided to withdraw"), carries the act
            head = tok.head
            lemma = head.lemma_.lower()
            xcomp = [c.lemma_.lower() for c in head.children if c.dep_ == "xcomp"]
            if any(x in self.expletive for x in xcomp):
                return False  # "it used to be", "it seems to be"
            if lemma in self.speech and lemma not in self.agentive and not self.speakers:
                # "It also said a coalition raid killed ...": the teller is no author of the
                # act told (only of "X said Y must ...", see ``speakers``)
                return False
            carries = lemma in self.agentive or bool(xcomp) or lemma in self.speech
            return carries and lemma not in self.expletive | self.experiencer \
                and self._main_clause(head)
        return tok.dep_ == "poss" and tok.head.lemma_.lower() in event_nouns \
            and binder(tok.head) is None

    def _main_clause(self, verb: Token) -> bool:
        """A main clause (or one coordinated with it), or a clause reported by a speech
        verb: a pronoun subject of a complement or adverbial clause is usually bound in its
        own sentence ("reminded Iraq that it must ...", "attacked X before it withdrew")."""
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ in {"ccomp", "parataxis"} and verb.head.lemma_.lower() in self.speech:
            return True
        return verb.dep_ == "ROOT"

    def actor(self, roles, tok: Token) -> ActorRef | None:
        """The actor a pronoun names for ``roles`` (a ``RoleFinder``), or ``None``.

        A possessive bound to its verb's subject is left to the role finder when it reads
        the noun as the verb's act ("X and Y intensified their bombing"), else it is that
        subject ("the coalition acknowledged deaths in its strikes"); any other pronoun in
        a position :meth:`applies` covers takes its antecedent (:meth:`find`).
        """
        if tok.dep_ == "poss" and self.kind(tok) and tok.head.lemma_.lower() in roles.event_nouns:
            verb = binder(tok.head)
            if verb is not None:
                if roles.governing_subject(tok.head):
                    return None
                subj = [r for r in roles.subject_of(verb)[:1] if self.agrees(r, tok)]
                return subj[0] if subj else None
        if self.applies(tok, roles.event_nouns | roles.documents):
            return self.find(tok)
        return None

    @contextmanager
    def reading_speakers(self):
        """While the coder reads the speaker of "X said Y must ..." (a request by X), a
        pronoun subject of a speech verb resolves too ('"It must stop" he added')."""
        self.speakers = True
        try:
            yield self
        finally:
            self.speakers = False

    def find(self, tok: Token, depth: int = 0) -> ActorRef | None:
        """The actor a pronoun refers to, at the pronoun's own offsets, or ``None``."""
        kind = self.kind(tok)
        if kind is None:
            return None
        if not self._built:
            self._build()
        pos = tok.idx
        if self._quoted(pos):
            return None
        si, para = self.sentence(pos), self.paragraph(pos)
        for scope in (si, si - 1):
            if scope < 0:
                break
            found = [c for c in self._cands.get(scope, []) if c.para == para
                     and c.ref.end <= pos and self._fits(c, kind)]
            subj = [c for c in self._roots[scope].children if c.dep_ in SUBJECT_DEPS
                    and c.i < tok.i and c.i != tok.i]
            if scope < si and len(subj) == 1 and self.kind(subj[0]) == kind \
                    and depth < MAX_CHAIN and self.paragraph(subj[0].idx) == para:
                # "X said ... . He said ... . He added": a chain of the same pronoun
                ante = self.find(subj[0], depth + 1)
                return None if ante is None else _at(ante, tok)
            if len(subj) == 1 and self._other_subject(subj[0], found, kind):
                # "The town was shelled by X. It ...", "The president of X warned that Y
                # ... . He ...": the subject, likelier, is no actor the stage resolved
                return None
            if found:
                ante = self._choose(found)
                return None if ante is None else _at(ante, tok)
        return None

    def _other_subject(self, subj: Token, found: list[_Cand], kind: str) -> bool:
        """Whether the previous sentence's subject is a noun phrase of the pronoun's number
        naming none of the candidates (a place, a thing, an act)."""
        if subj.pos_ not in {"NOUN", "PROPN"}:
            return False
        plural = subj.tag_ in {"NNS", "NNPS"}
        if plural != (kind == "group"):
            return False
        a, b = _range(subj)
        return not any(a <= c.ref.start and c.ref.end <= b for c in found)

    def agrees(self, ref: ActorRef, tok: Token) -> bool:
        """Whether an actor is of the kind a pronoun stands for (a bound possessive's
        subject: "Aleppo has seen its worst fighting" names no owner of the fighting)."""
        kind = self.kind(tok)
        if kind is None or ref.type in {None, "place"}:
            return False
        span = self.ctx.doc.char_span(ref.start, ref.end, alignment_mode="expand")
        plural = span is not None and span.root.tag_ in PLURAL_TAGS
        return self._fits(_Cand(ref, 0, 0, False, False, plural), kind)

    def _fits(self, c: _Cand, kind: str) -> bool:
        t = c.ref.type
        if kind == "person":
            return t == "person"
        if kind == "nonperson":
            return t in self.nonperson and not c.plural
        return t in self.groups or (c.plural and t != "person")

    def _choose(self, found: list[_Cand]) -> ActorRef | None:
        """One entity among the candidates of a scope, else the subject's, else none."""
        if len({_key(c.ref) for c in found}) == 1:
            return found[-1].ref
        if any(c.reported for c in found):
            return None  # "X said Y attacked ...": either may act next
        subj = [c for c in found if c.subject]
        if subj and len({_key(c.ref) for c in subj}) == 1:
            return subj[-1].ref
        return None


def agentive_verbs(lex) -> frozenset[str]:
    """The verbs whose pronoun subject this rule resolves: the lexicon's trigger verbs and
    phrase heads and light verbs (built once per coder); a pure speech verb ("said") only
    for a request it reports."""
    words = set(lex.verbs) | set(lex.phrases) | lex.cue("support_verbs")
    return frozenset(w.split()[0].lower() for w in words if w)


def binder(noun: Token) -> Token | None:
    """The verb an event noun hangs on when that verb has a subject, its own or inherited
    ("X continued their strike", "Y reneged on his commitment", "decided to ease its
    restrictions"): a possessive on the noun is bound to that subject."""
    cur = noun
    for _ in range(6):
        if cur.dep_ not in {"dobj", "pobj", "prep", "conj", "attr", "compound", "appos"} \
                or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"}:
            # a verb without a subject of its own inherits one (control, coordination)
            own = any(c.dep_ in SUBJECT_DEPS for c in cur.children)
            return cur if own or cur.dep_ in {"xcomp", "conj", "advcl", "acl", "relcl",
                                              "pcomp", "ccomp"} else None
    return None


def _kind_map(entries: frozenset[str]) -> dict[str, str]:
    """``pronoun_kinds`` entries are "word:kind" ("it:nonperson", "their:group")."""
    out = {}
    for e in entries:
        word, _, kind = e.partition(":")
        out[word.strip().lower()] = kind.strip()
    return out


def _key(ref: ActorRef) -> str:
    return ref.id or ref.name or ref.text.lower()


def _range(tok: Token) -> tuple[int, int]:
    toks = np_tokens(tok)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _within(ref: ActorRef, spans: list[tuple[int, int]]) -> bool:
    return any(a <= ref.start and ref.end <= b for a, b in spans)


def _at(ante: ActorRef, tok: Token) -> ActorRef:
    """The antecedent's identity at the pronoun's offsets (the evidence is the pronoun)."""
    return ante.model_copy(update={"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text)})
