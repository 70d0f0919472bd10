"""The schema of actor knowledge files (YAML), checked at load.

A knowledge file is one module (``module: syria``) with ``actors``, optional
``generics`` (context-resolved phrases such as "the regime") and, in the shared
modules, ``countries`` overrides and ``roles`` (role nouns mapped to sectors).
See docs/actors.md for the format with examples.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ACTOR_TYPES = frozenset({
    "state", "government", "military", "police", "intelligence", "legislature", "judiciary",
    "armed_group", "coalition", "militia", "party", "opposition_body", "igo", "ngo", "media",
    "person", "religious", "company", "civil_society", "population",
})
SECTORS = frozenset({
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
})
# ISO 3166 alpha-3 plus the PLOVER non-state and exception codes.
SPECIAL_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "KOS", "PSE"})
_ID = re.compile(r"^[a-z0-9_]+(\.[A-Za-z0-9_]+)+$")


def parse_when(value: object) -> date | None:
    """Accept 2016, "2016", "2016-07" or "2016-07-28" (a partial date means its start)."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if not m:
        raise ValueError(f"{value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Dated(Strict):
    """Something valid from ``from`` (inclusive) until ``until`` (exclusive); open ends allowed."""

    valid_from: date | None = Field(None, alias="from")
    until: date | None = None

    @field_validator("valid_from", "until", mode="before")
    @classmethod
    def _date(cls, v):
        return parse_when(v)

    def valid_at(self, when: date | None) -> bool:
        if when is None:
            return True
        return (self.valid_from is None or self.valid_from <= when) and (
            self.until is None or when < self.until)


class NameSpec(Dated):
    """A name an actor bore in a period ("Hay'at Tahrir al-Sham", from January 2017)."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    acronyms: list[str] = Field(default_factory=list)


class Membership(Dated):
    actor: str
    relation: str = "member"


class Office(Dated):
    role: str
    organisation: str | None = None
    sector: str | None = None


class ActorSpec(Strict):
    id: str
    name: str
    type: str
    code: str
    sector: str | None = None
    wikidata: str | None = None
    aliases: list[str] = Field(default_factory=list)
    acronyms: list[str] = Field(default_factory=list)
    names: list[NameSpec] = Field(default_factory=list)
    member_of: list[Membership] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)
    country: str | None = Field(None, description="Home country when code is not one (IGO, ...)")
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"id {v!r} must look like 'module.name' (lower case, dots)")
        return v

    @field_validator("type")
    @classmethod
    def _type(cls, v: str) -> str:
        if v not in ACTOR_TYPES:
            raise ValueError(f"type {v!r} is not one of {sorted(ACTOR_TYPES)}")
        return v

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        if not re.fullmatch(r"[A-Z]{3}", v):
            raise ValueError(f"code {v!r} must be 3 capital letters (ISO 3166 alpha-3 or IGO/NGO/...)")
        return v

    @field_validator("sector")
    @classmethod
    def _sector(cls, v: str | None) -> str | None:
        if v is not None and v not in SECTORS:
            raise ValueError(f"sector {v!r} is not a PLOVER sector ({', '.join(sorted(SECTORS))})")
        return v

    @field_validator("wikidata")
    @classmethod
    def _wikidata(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"Q\d+", v):
            raise ValueError(f"wikidata {v!r} must look like Q123")
        return v


class GenericSpec(Strict):
    """Phrases that name an actor only in context ("the regime" in a Syria article)."""

    phrases: list[str]
    actor: str | None = None
    sector: str | None = None
    # The generic applies when the article mentions an actor with one of these codes,
    # or, for "any", always (then ``code`` "context" means the article's main country).
    scope: list[str] = Field(default_factory=lambda: ["any"])
    code: str | None = None

    @model_validator(mode="after")
    def _target(self):
        if not self.actor and not self.sector:
            raise ValueError("a generic needs an 'actor' id or a 'sector'")
        if self.sector and self.sector not in SECTORS:
            raise ValueError(f"sector {self.sector!r} is not a PLOVER sector")
        return self


class RoleSpec(Strict):
    """Role nouns ("commander", "police") and the sector they imply."""

    nouns: list[str]
    sector: str
    person: bool = True
    type: str | None = None
    # Weapons and means ("artillery", "airstrikes"): an actor only with its owner named
    # ("Russian airstrikes"), never alone.
    inanimate: bool = False

    @field_validator("sector")
    @classmethod
    def _sector(cls, v: str) -> str:
        if v not in SECTORS:
            raise ValueError(f"sector {v!r} is not a PLOVER sector")
        return v


class CountrySpec(Strict):
    """Additions to a generated country: demonyms, extra names, metonyms ("the Kremlin")."""

    code: str
    name: str | None = None
    demonyms: list[str] = Field(default_factory=list)
    plurals: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    metonyms: list[str] = Field(default_factory=list)
    wikidata: str | None = None


class ModuleFile(Strict):
    module: str
    description: str | None = None
    priority: int = 0
    actors: list[ActorSpec] = Field(default_factory=list)
    generics: list[GenericSpec] = Field(default_factory=list)
    roles: list[RoleSpec] = Field(default_factory=list)
    countries: list[CountrySpec] = Field(default_factory=list)
