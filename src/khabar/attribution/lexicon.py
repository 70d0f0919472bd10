"""Loads and checks the attribution lexicon (``khabar/data/attribution/cues.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from khabar.errors import KhabarError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "attribution"
_WORD_LISTS = ("speech", "belief", "report", "nouns", "media_nouns", "role_nouns", "role_modifiers",
               "speaker_pronouns", "quote_only", "object_cues",
               "label_stopwords",
               "continuation_cues", "passive_cues")


@dataclass(frozen=True)
class CueLexicon:
    """Reporting cues and the nouns used to resolve speakers, as lower-case lemma sets."""

    speech: frozenset[str]
    belief: frozenset[str]
    report: frozenset[str]
    nouns: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    media_nouns: frozenset[str]
    role_nouns: frozenset[str]
    role_modifiers: frozenset[str]
    quote_only: frozenset[str]
    object_cues: frozenset[str]
    label_stopwords: frozenset[str]
    continuation_cues: frozenset[str]
    passive_cues: frozenset[str]
    prep_cues: dict[str, frozenset[str]]
    speaker_pronouns: frozenset[str]
    # Verbs of physical violence: with a concrete object they are acts, not reports.
    act_verbs: frozenset[str] = frozenset()
    # Places, facilities and convoys: as the object of an act verb they make it a physical act.
    act_objects: frozenset[str] = frozenset()
    # Light verbs of military action ("launched", "staged") and the assault nouns that make
    # their object an act, not something said ("launched an assault", round 6).
    act_light_verbs: frozenset[str] = frozenset()
    act_nouns: frozenset[str] = frozenset()
    # Verbs whose subject receives what their object noun says ("faced criticism", "won the
    # endorsement of X"): no light-verb cue (round 6).
    receiving_verbs: frozenset[str] = frozenset()
    # Verbs that pass on another's words: "X cited / quoted Y as saying Z" (Z is Y's).
    citing_verbs: frozenset[str] = frozenset()
    # Media nouns that name a document, not an outlet: a chain link for their own paragraph only.
    document_outlets: frozenset[str] = frozenset()

    def is_report_verb(self, lemma: str) -> bool:
        """A verb cue of any list: speech, belief, report, prepositional or object cue."""
        return self.is_verb_cue(lemma) or lemma in self.report

    def is_verb_cue(self, lemma: str) -> bool:
        return (lemma in self.speech or lemma in self.belief or lemma in self.prep_cues
                or lemma in self.object_cues) and lemma not in self.quote_only


def parse_lexicon(data: object, path: Path) -> CueLexicon:
    """Check the schema of a loaded lexicon file and build a ``CueLexicon``.

    Raises:
        KhabarError: E051 when a key is missing or holds something other than words.
    """
    if not isinstance(data, dict) or data.get("version") != 1:
        raise KhabarError("E051", path=str(path), detail="expected a mapping with 'version: 1'")
    lists: dict[str, frozenset[str]] = {}
    for key in _WORD_LISTS:
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise KhabarError("E051", path=str(path), detail=f"'{key}' must be a list of words")
        lists[key] = frozenset(w.strip().lower() for w in words)
    phrases = data.get("according_to")
    if not isinstance(phrases, list) or not all(
            isinstance(p, list) and len(p) >= 2 and all(isinstance(w, str) for w in p) for p in phrases):
        raise KhabarError("E051", path=str(path), detail="'according_to' must be a list of word lists")
    preps = data.get("prep_cues")
    if not isinstance(preps, dict) or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in preps.values()):
        raise KhabarError("E051", path=str(path), detail="'prep_cues' must map verbs to lists of prepositions")
    for key in ("act_verbs", "act_objects", "act_light_verbs", "act_nouns", "receiving_verbs",
                "citing_verbs", "document_outlets"):  # optional
        words = data.get(key, [])
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise KhabarError("E051", path=str(path), detail=f"'{key}' must be a list of words")
        lists[key] = frozenset(w.strip().lower() for w in words)
    lists["prep_cues"] = {str(k).lower(): frozenset(w.lower() for w in v) for k, v in preps.items()}
    return CueLexicon(according_to=tuple(tuple(w.lower() for w in p) for p in phrases), **lists)


@lru_cache(maxsize=8)
def load_lexicon(path: Path = DATA_DIR / "cues.yaml") -> CueLexicon:
    """Load (once per process) and check the attribution lexicon."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KhabarError("E051", path=str(path), detail=str(exc)) from None
    return parse_lexicon(data, Path(path))
