"""Language identification of article text (py3langid, offline)."""

from __future__ import annotations

from functools import lru_cache

# Below this many letters identification is unreliable: such texts pass as English.
MIN_LETTERS = 40
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short to tell."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    language, confidence = _identifier().classify(sample)
    if language != "en" and confidence < MIN_CONFIDENCE:
        return "en"
    return language
