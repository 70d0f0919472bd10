"""Loads and checks the PLOVER trigger lexicon and the coder's cue lists (``khabar/data/events``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from khabar.data import load_yaml
from khabar.errors import KhabarError
from khabar.model import EVENT_TYPES

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
QUADS = {"VERB_COOP", "MAT_COOP", "VERB_CONF", "MAT_CONF"}
_KINDS = ("verbs", "nouns", "phrases")


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: what a matched word or phrase means."""

    event_type: str
    mode: str | None
    kind: str  # "verbs", "nouns" or "phrases"
    key: str


@dataclass
class Lexicon:
    """Trigger tables by part of speech, plus type-level PLOVER facts."""

    verbs: dict[str, Trigger] = field(default_factory=dict)
    nouns: dict[str, Trigger] = field(default_factory=dict)
    # head lemma -> {dependent lemma -> Trigger}
    phrases: dict[str, dict[str, Trigger]] = field(default_factory=dict)
    quad: dict[str, str] = field(default_factory=dict)
    intensity: dict[str, float] = field(default_factory=dict)
    mode_intensity: dict[tuple[str, str], float] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)

    def score(self, event_type: str, mode: str | None) -> float | None:
        """The PLOVER conflict/cooperation score of a type and mode."""
        if mode and (event_type, mode) in self.mode_intensity:
            return self.mode_intensity[(event_type, mode)]
        return self.intensity.get(event_type)

    def cue(self, name: str) -> frozenset[str]:
        # Called for every token of every sentence: build each set once.
        cache = self.__dict__.setdefault("_cue_sets", {})
        found = cache.get(name)
        if found is None:
            found = cache[name] = frozenset(self.cues.get(name, []))
        return found


def _bad(path: Path, detail: str) -> KhabarError:
    return KhabarError("E051", path=str(path), detail=detail)


_read = load_yaml


def parse_lexicon(data: dict, cues: dict, path: Path = DATA_DIR / "lexicon.yaml") -> Lexicon:
    """Build and validate a :class:`Lexicon` from the YAML mappings.

    Raises:
        KhabarError: E051 when a type, quad, mode or entry is malformed or a lemma is
            listed under two types for the same part of speech.
    """
    lex = Lexicon(cues={k: [str(x) for x in v] for k, v in cues.items() if isinstance(v, list)})
    types = data.get("types")
    if not isinstance(types, dict):
        raise _bad(path, "missing 'types' mapping")
    for etype, block in types.items():
        if etype not in EVENT_TYPES:
            raise _bad(path, f"unknown PLOVER type {etype!r}")
        if block.get("quad") not in QUADS:
            raise _bad(path, f"{etype}: quad must be one of {sorted(QUADS)}")
        lex.quad[etype] = block["quad"]
        lex.intensity[etype] = float(block["intensity"])
        modes = block.get("modes") or {}
        for mode, score in modes.items():
            lex.mode_intensity[(etype, mode)] = float(score)
        for kind in _KINDS:
            for key, mode in (block.get(kind) or {}).items():
                if mode is not None and modes and mode not in modes:
                    raise _bad(path, f"{etype}: mode {mode!r} of {key!r} is not in its modes")
                trig = Trigger(etype, mode, kind, key)
                if kind == "phrases":
                    parts = key.split()
                    if len(parts) != 2 or not parts[1].strip("@"):
                        raise _bad(path, f"{etype}: phrase {key!r} must be 'head dependent'")
                    table = lex.phrases.setdefault(parts[0], {})
                    if parts[1] in table:
                        raise _bad(path, f"phrase {key!r} listed twice")
                    table[parts[1]] = trig
                else:
                    table = getattr(lex, kind)
                    if key in table:
                        raise _bad(path, f"{kind} entry {key!r} listed under "
                                         f"{table[key].event_type} and {etype}")
                    table[key] = trig
    return lex


@lru_cache(maxsize=2)
def load_lexicon(directory: str = str(DATA_DIR)) -> Lexicon:
    """Load ``lexicon.yaml`` and ``cues.yaml`` from a directory (cached)."""
    base = Path(directory)
    return parse_lexicon(_read(base / "lexicon.yaml"), _read(base / "cues.yaml"),
                         base / "lexicon.yaml")
