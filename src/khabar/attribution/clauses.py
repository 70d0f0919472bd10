"""Reported speech read from the dependency parse: cue, source and content of each attribution.

Covers cue-before and cue-after orders ("X said that ...", "..., X said"), bare and "that"
clauses (``ccomp``), infinitive complements of belief and intention cues ("wants to ..."),
parataxis ("The talks failed, he said"), passives ("it was reported that ...": no source)
and judgements ("X are seen as Y"); the source and cue spans as PolNeAR draws them. "According
to X" and nominal cues are in ``phrases.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from khabar.annotate.tokens import token_table
from khabar.attribution.lexicon import CueLexicon, load_lexicon

_EDGE_PUNCT = set(",;:—–-(") | {"…"}
_QUOTES = set('"“”„«»‟')
_XCOMP_SPEECH = {"promise", "vow", "pledge", "urge", "ask", "threaten", "refuse", "decline",
                 "agree", "offer", "plan", "propose", "demand", "advise", "order", "warn"}
_EXPLETIVE = {"it", "there"}
_IMPERSONAL = {"seem", "appear", "be", "remain", "turn", "emerge", "go"}


@dataclass
class Candidate:
    """One attribution before its speaker is resolved; offsets are article offsets."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    source_head: Token | None = None
    cue_token: Token | None = None
    floating: bool = False


def doc_text(doc: Doc) -> str:
    """The document's text, computed once: ``Doc.text`` rebuilds the string on every access."""
    return token_table(doc).text


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and edge punctuation; keep a quotation's marks balanced."""
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCT or text[end - 1] == "."):
        end -= 1
    if start < end and text[start] in _QUOTES and text[end - 1] not in _QUOTES:
        # `"It is over,"` parsed as clause + comma: take the closing mark back in.
        probe = end
        while probe < len(text) and probe < end + 3 and text[probe] in ",.;:!? ":
            probe += 1
        if probe < len(text) and text[probe] in _QUOTES:
            end = probe + 1
    return start, end


def clip_to_paragraph(text: str, span: tuple[int, int], anchor: int) -> tuple[int, int]:
    """Cut a span at the line breaks around ``anchor``: a parse may run across a headline."""
    start, end = span
    brk = text.rfind("\n", start, anchor)
    if brk >= 0:
        start = brk + 1
    brk = text.find("\n", anchor, end)
    if brk >= 0:
        end = brk
    return trim(text, start, end)


def same_paragraph(a: Token, b: Token) -> bool:
    """No line break between two tokens (parses of unsplit headlines cross them)."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[lo:hi]


def token_span(tokens) -> tuple[int, int]:
    toks = sorted(tokens, key=lambda t: t.i)
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def subtree_span(tok: Token, exclude: set[int] = frozenset()) -> tuple[int, int] | None:
    """The longest contiguous run of ``tok``'s subtree that avoids ``exclude`` (token indices)."""
    ids = sorted(t.i for t in tok.subtree if t.i not in exclude)
    if not ids:
        return None
    runs, run = [], [ids[0]]
    for i in ids[1:]:
        if i == run[-1] + 1:
            run.append(i)
        else:
            runs.append(run)
            run = [i]
    runs.append(run)
    best = max(runs, key=lambda r: (tok.i in r, len(r)))
    doc = tok.doc
    return doc[best[0]].idx, doc[best[-1]].idx + len(doc[best[-1]])


_LEFT_CUE = {"aux", "auxpass", "neg", "advmod"}


_SOURCE_CUT_TAGS = {"VBG", "VB", "VBZ"}
_OPENERS = {",", "(", "—", "–", "-", "―"}
_NOMINAL = {"NOUN", "PROPN", "ADP", "NUM", "PRON", "DET", "ADJ"}


def _cut_from_source(src: Token, t: Token) -> bool:
    """Trailing modifiers of a source that PolNeAR mostly leaves out of its span (inclusion
    rates measured on train): clauses hung on it ("Trump, speaking to veterans, said": 3% to
    27%), a clause or infinitive deeper in ("... a problem that": 13%, 40%), a relative clause
    set off by a comma deeper in (45%), ``dep`` (2%)."""
    node = t.head
    while node.i != src.i:  # only modifiers of the noun phrase, not words inside a clause
        if node.pos_ not in _NOMINAL or node.head.i == node.i:
            return False
        node = node.head
    on_head = t.head.i == src.i
    comma = t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].text in _OPENERS
    dep = t.dep_
    if dep in ("dep", "advcl"):
        return True
    if dep == "acl":
        return on_head and (comma or t.tag_ in _SOURCE_CUT_TAGS)
    if dep in ("ccomp", "xcomp"):
        return not on_head
    if dep == "relcl" and comma and not on_head:
        # "X, president of the Federation, which represents ...": 29% included; "who" stays.
        return any(k.lower_ == "which" for k in t.children)
    if dep == "relcl" and comma and src.i < src.head.i and any(
            k.pos_ == "VERB" and load_lexicon().is_report_verb(k.lemma_.lower()) for k in t.subtree):
        return True  # "Barkley, who said he votes Democratic, told ...": a report of its own (33%)
    if dep == "prep" and on_head:
        # "Trump on Tuesday said" (31%), "Jeb Bush in a Medium post" (14%); "of"/"from" stay.
        return (t.lower_ == "in" and src.ent_type_ == "PERSON"
                or any(k.ent_type_ in ("DATE", "TIME") for k in t.subtree))
    return False


def source_span(src: Token) -> tuple[int, int]:
    """The source as PolNeAR marks it: the subject's subtree, appositions, relative clauses
    and parentheses included ("Joseph, who has four children"), within its paragraph, less
    "even" before it and the trailing modifiers of ``_cut_from_source``."""
    doc = src.doc
    lo, hi = src.left_edge, src.right_edge
    for child in src.children:
        if child.i < src.i and child.dep_ == "advmod" and child.lower_ == "even":  # 10% included
            lo = doc[max(lo.i, child.right_edge.i + 1)]
    while hi.i > src.i and hi.is_punct:  # the comma before the verb hangs on the subject
        hi = doc[hi.i - 1]
    if hi.i > src.i:
        cuts = [t.left_edge.i for t in doc[src.i + 1:hi.i + 1]
                if t.right_edge.i == hi.i and t.left_edge.i > src.i and _cut_from_source(src, t)]
        if cuts:
            hi = doc[min(cuts) - 1]
    return clip_to_paragraph(doc_text(doc), (lo.idx, hi.idx + len(hi)), src.idx)


def is_infinitive(tok: Token) -> bool:
    """An infinitive complement of the verb before it ("refused to say"), also when parsed as
    a purpose clause ("went on to say": ``advcl`` with "to")."""
    return tok.dep_ == "xcomp" or tok.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" and c.i == tok.i - 1 for c in tok.children)


def cue_span(tok: Token, prep: Token | None = None) -> tuple[int, int]:
    """The cue verb with its auxiliaries, negation and adverbs just before it ("has also said"),
    its particle ("point out") and, for prepositional cues, the preposition ("called for")."""
    parts = [tok] + [c for c in tok.children if c.dep_ == "prt"]
    head = tok.head
    if is_infinitive(tok) and head.pos_ == "VERB" and 0 < tok.i - head.i <= 3 and same_paragraph(head, tok):
        # "went on to say", "is expected to endorse": PolNeAR's cue runs from the governing
        # verb (train: 81% of such cues take it in).
        parts += list(tok.doc[head.i:tok.i])
        tok = head
    left = tok.i - 1
    # The infinitive's "to" is in (train: 95%: "to discuss"); a wh-adverb is not ("when
    # asked": PolNeAR's cue is "asked").
    while (left >= 0 and tok.doc[left].head.i == tok.i and tok.doc[left].dep_ in _LEFT_CUE
           and tok.doc[left].tag_ != "WRB"):
        parts.append(tok.doc[left])
        left -= 1
    if prep is not None and prep.i == max(p.i for p in parts) + 1:
        parts.append(prep)  # "called for"; not "refer the situation to" (cues are one span)
    return token_span(parts)


def subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The source token of a cue verb and whether the cue is a sourceless passive.

    Inherits the subject of the governing verb for "..., saying that", "and added", xcomp.
    """
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and same_paragraph(c, verb)]
    if subjects:
        c = min(subjects, key=lambda s: abs(s.i - verb.i))
        # "It said" names a source (an organisation); "it seems"/"there is" do not.
        expletive = c.lower_ in _EXPLETIVE and (c.lower_ == "there" or verb.lemma_.lower() in _IMPERSONAL)
        return (None, True) if expletive else (c, False)
    for c in verb.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0], False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None, True
    # "About 4 in 10 say ...", "56% say ...": a poll's share the parser did not take as subject.
    shares = [c for c in verb.children if c.dep_ in ("nummod", "npadvmod") and c.i < verb.i
              and c.pos_ in ("NUM", "NOUN") and same_paragraph(c, verb)]
    if shares:  # only cue verbs are asked for their subject
        return shares[-1], False
    if depth < 2 and verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
            head = head.head  # "said, before clarifying that ...": the verb the preposition hangs on
        return subject(head, depth + 1)
    if depth == 0 and verb.dep_ == "ROOT" and verb.i - verb.sent.start >= 4:
        # '... were killed said the Syrian Observatory': a named source after the verb,
        # taken by the parser for its object.
        named_after = [c for c in verb.children if c.dep_ == "dobj" and c.i - verb.i <= 4
                       and (c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "PERSON", "NORP"))]
        if named_after:
            return named_after[0], False
    if depth == 0 and verb.i > 0:
        # A subject the parser attached elsewhere ("... the Washington Post Trump said that"):
        # a name or pronoun right before the verb.
        prev = verb.doc[verb.i - 1]
        if prev.pos_ in ("PROPN", "PRON") and prev.lower_ not in _EXPLETIVE and same_paragraph(prev, verb):
            return prev, False
    return None, False


def _glued_report(tok: Token) -> tuple[int, int] | None:
    """"... killing 15 civilians a monitor said." (texts stripped of commas): a closing
    report the parser hung on the clause before it; the content is that clause."""
    if tok.dep_ not in ("relcl", "acl", "advcl") or any(
            c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children):
        return None
    subj = [c for c in tok.children if c.dep_ == "nsubj" and c.lower_ not in ("who", "that", "which")]
    if not subj or any(t.i > tok.i and t.dep_ not in ("prep", "npadvmod", "advmod", "punct", "pobj",
                                                       "det", "amod", "compound", "nummod")
                       for t in tok.subtree):
        return None
    sent = tok.sent
    before = [t for t in tok.doc[sent.start:subj[0].left_edge.i] if not t.is_space]
    if len(before) < 4:
        return None
    return token_span(before)


_ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", ""}


def named(doc: Doc, span: tuple[int, int]) -> bool:
    """A one-word content that is a name ("Christie endorsed Trump"): PolNeAR marks those."""
    if span[1] <= span[0]:
        return False
    toks = doc.char_span(*span, alignment_mode="expand")
    # Not a date ("said on Monday"): only names of actors.
    return toks is not None and len(toks) == 1 and toks[0].pos_ == "PROPN" and toks[0].ent_type_ in _ACTOR_ENTS


def _clause_in_setting(tok: Token) -> Token | None:
    """"says in a statement that ...": the "that" clause the parser hung on the noun of the
    setting after the verb instead of on the verb."""
    for c in tok.children:
        if c.dep_ != "prep" or c.i < tok.i:
            continue
        for obj in c.children:
            if obj.dep_ != "pobj":
                continue
            for cl in obj.children:
                if cl.dep_ in ("acl", "ccomp", "relcl") and cl.i > obj.i and any(
                        g.dep_ == "mark" and g.lower_ == "that" for g in cl.children):
                    return cl
    return None


def _content_of_verb(tok: Token, lemma: str, lex: CueLexicon):
    """The content span of a cue verb and the preposition of a prepositional cue."""
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if comps:
        return subtree_span(comps[0]), None
    clause = _clause_in_setting(tok)
    if clause is not None:
        return subtree_span(clause), None
    agents = [c for c in tok.children if c.dep_ == "agent" and any(g.dep_ == "pobj" for g in c.children)]
    patients = [c for c in tok.children if c.dep_ == "nsubjpass"]
    preds = [c for c in tok.children if c.i > tok.i and (c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as")]
    if patients and preds and patients[0].i < tok.i:
        # "X are seen as Y", "Pigs are considered unclean (by Muslims)": the judgement is the
        # subject with its predicate.
        end = preds[0].right_edge
        return (patients[0].left_edge.idx, end.idx + len(end)), None
    if agents and patients and (lemma in lex.object_cues or lemma in lex.speech):
        # "The move was first reported by MSNBC": the subject is what the agent reported.
        return subtree_span(patients[0]), agents[0]
    if lemma in lex.belief or lemma in _XCOMP_SPEECH:
        xcomps = [c for c in tok.children if c.dep_ == "xcomp"]
        if xcomps:
            return subtree_span(xcomps[0]), None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in lex.prep_cues.get(lemma, ()):
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return subtree_span(objs[0]), c
    if lemma in lex.object_cues:
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        preds = [c for c in tok.children if c.dep_ == "oprd"]
        if objs and preds:
            # "called the deal a disaster": object and predicate together.
            return (subtree_span(objs[0])[0], subtree_span(preds[0])[1]), None
        objs = [o for o in objs if o.pos_ != "PRON"]
        if objs:
            return subtree_span(objs[0]), None
    if lemma in lex.speech and lemma not in lex.quote_only:
        rest = _right_of(tok)
        if rest is not None:
            return rest, None
    glued = _glued_report(tok) if lemma in lex.speech else None
    if glued is not None:
        return glued, None
    if lemma in lex.speech and tok.dep_ == "parataxis" and tok.head.i != tok.i:
        # "The talks failed, he said" / "He added, the factions agreed": the rest of the clause.
        own = {t.i for t in tok.subtree}
        return subtree_span(tok.head, own), None
    return None, None


_RIGHT_CUES = {"say", "tell", "add", "claim", "argue", "insist", "note", "state", "warn", "write",
               "explain", "announce", "declare", "stress", "report"}


def _right_of(tok: Token) -> tuple[int, int] | None:
    """Misparsed complements ("said many of the examples are ..."): the rest of the sentence.

    Used only for saying verbs with a subject whose right side holds a verb of its own, after
    the addressee of "told".
    """
    if tok.lemma_.lower() not in _RIGHT_CUES or not any(c.dep_ == "nsubj" for c in tok.children):
        return None
    sent = tok.sent
    start = tok.i + 1
    for c in tok.children:
        if c.dep_ in ("dobj", "dative") and tok.lemma_.lower() == "tell" and c.i >= start:
            start = c.right_edge.i + 1
    while start < sent.end and (tok.doc[start].is_punct or tok.doc[start].dep_ in ("prep", "npadvmod")
                                and tok.doc[start].head.i == tok.i):
        if tok.doc[start].dep_ == "prep":
            start = tok.doc[start].right_edge.i + 1
        else:
            start += 1
    rest = [t for t in tok.doc[start:sent.end] if not t.is_space]
    while rest and rest[-1].is_punct:
        rest.pop()
    if len(rest) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    return token_span(rest)


def _raising_passive(tok: Token, text: str) -> Candidate | None:
    """"Clinton is expected to win": no source; the content runs from the subject to the end
    of the infinitive."""
    subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
    comp = [c for c in tok.children if c.dep_ == "xcomp"]
    if not subj or not comp or not any(c.dep_ == "auxpass" for c in tok.children):
        return None
    start = subj[0].left_edge.idx
    end = comp[0].right_edge.idx + len(comp[0].right_edge)
    return Candidate("reported", clip_to_paragraph(text, (start, end), tok.idx), cue_span(tok), None, None, tok)


def verb_cues(doc: Doc, lex: CueLexicon, used: set[int]) -> list[Candidate]:
    """Attributions introduced by cue verbs with a clausal complement."""
    out = []
    text = doc_text(doc)
    table = token_table(doc)
    for i, pos in enumerate(table.pos):
        if i in used or pos not in ("VERB", "AUX"):
            continue
        lemma = table.lemma[i]
        passive_cue = lemma in lex.passive_cues
        if not passive_cue and not lex.is_verb_cue(lemma):
            continue
        tok = doc[i]
        if passive_cue:
            cand = _raising_passive(tok, text)
            if cand is not None:
                out.append(cand)
                continue
        if not lex.is_verb_cue(lemma):
            continue
        span, prep = _content_of_verb(tok, lemma, lex)
        if span is None:
            continue
        content = clip_to_paragraph(text, span, tok.idx)
        if content[1] - content[0] < 2 or len(text[content[0]:content[1]].split()) < 2 and not named(doc, content):
            continue
        src, passive = subject(tok)
        if src is None and not passive:
            continue
        source = source_span(src) if src is not None else None
        if source and content[0] <= source[0] < content[1]:
            source = trim(text, src.idx, src.idx + len(src))  # source nested in content
        kind = "reported" if (passive or lemma in lex.report and src is not None
                              and src.lemma_.lower() in lex.media_nouns) else "indirect"
        out.append(Candidate(kind, content, cue_span(tok, prep), source, src, tok))
    return out
