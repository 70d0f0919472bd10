"""khabar's data model, defined once: every stage speaks these types.

All offsets are character offsets into ``Article.text`` (``start`` inclusive,
``end`` exclusive). The models are frozen pydantic models, so their JSON
serialisation *is* the contract of ``khabar analyze --format json`` and the
JSON Schema in ``docs/schema/`` is generated from them
(``python -m khabar.schema``).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

Status = Literal[
    "happened", "proposed", "offered", "agreed", "accepted", "rejected",
    "conditional", "pending", "denied", "claimed", "future", "negated",
]
QuoteKind = Literal["direct", "indirect", "according_to", "reported"]
Precision = Literal["point", "district", "city", "admin1", "country", "region"]
Granularity = Literal["instant", "day", "week", "month", "year", "interval", "unknown"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Frozen):
    """A stretch of the article text."""

    text: str
    start: int
    end: int


class ActorRef(Span):
    """An actor mention, resolved (``id`` set) or not (``id`` null, best guesses kept)."""

    name: str | None = None
    id: str | None = None
    code: str | None = Field(None, description="PLOVER country code: ISO 3166 alpha-3, or IGO/NGO/...")
    sector: str | None = Field(None, description="PLOVER sector: GOV, MIL, REB, OPP, JRN, ...")
    wikidata: str | None = None
    type: str | None = Field(None, description="state, armed_group, person, igo, media, ...")
    resolved: bool = False
    role: str | None = Field(None, description="For persons: 'commander', 'legal adviser', ...")
    organisation: str | None = Field(None, description="For persons: actor id of their organisation")


class PlaceRef(Span):
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = Field(None, description="ISO 3166 alpha-3")
    admin1: str | None = Field(None, description="First-level division (governorate) name")
    geonames_id: int | None = None
    precision: Precision | None = None
    reason: str | None = Field(None, description="Why this place was chosen, when it is a fallback; "
                               "'dateline' on a mention that says where the report was filed")


class DateRef(Span):
    value: str | None = Field(None, description="ISO date (or date/date interval); null if unresolved")
    granularity: Granularity = "unknown"
    relative: bool = Field(False, description="True when the expression could not be anchored")


class Aux(Frozen):
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    historical: bool = False


class Evidence(Frozen):
    """The sentence an event was read from (index, offsets, text)."""

    sentence: int
    start: int
    end: int
    text: str


class Event(Frozen):
    id: str
    event_type: EventType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    status: Status = "happened"
    aux: Aux = Field(default_factory=Aux)
    actors: list[ActorRef] = Field(default_factory=list)
    recipients: list[ActorRef] = Field(default_factory=list)
    mediators: list[ActorRef] = Field(default_factory=list)
    location: PlaceRef | None = None
    date: DateRef | None = None
    terms: dict[str, list[Span]] = Field(
        default_factory=dict,
        description="For proposals and agreements: 'give', 'get', 'guarantor', 'deadline', 'condition'",
    )
    trigger: Span
    evidence: Evidence
    attribution: list[str] = Field(default_factory=list, description="Ids of quotes reporting it")
    confidence: float = 0.5
    intensity: float | None = Field(None, description="PLOVER intensity score of the type/mode")
    quad_class: str | None = Field(None, description="PLOVER quad code: VERB_COOP, MAT_COOP, ...")
    coder: str = Field("khabar.events.rules.v1", description="Registered coder name and version")


class Quote(Frozen):
    id: str
    kind: QuoteKind
    speaker: ActorRef | None = None
    speaker_role: str | None = None
    cue: Span | None = None
    content: Span
    via: list[ActorRef] = Field(default_factory=list, description="Source chain, outermost first")
    events: list[str] = Field(default_factory=list, description="Ids of events the quote reports")


class Contradiction(Frozen):
    actor: ActorRef
    said: str = Field(description="Id of the event or quote with what the actor said")
    did: str = Field(description="Id of the event with what the actor did")
    why: str


class ArticleInfo(Frozen):
    """The article's metadata as printed in results (the text is not repeated)."""

    id: str
    external_id: str | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None


class Article(Frozen):
    """One input document, normalised by the ingest stage."""

    id: str
    text: str
    external_id: str | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: date | None = None
    published_source: str | None = Field(
        None, description="Where the date came from: option, metadata, html, dateline"
    )
    language: str | None = None
    origin: str | None = Field(None, description="Path or URL it was read from")

    @property
    def info(self) -> ArticleInfo:
        return ArticleInfo(
            id=self.id, external_id=self.external_id, title=self.title,
            publisher=self.publisher, url=self.url, published=self.published,
            language=self.language,
        )


class Analysis(Frozen):
    """Everything khabar read in one article: the JSON object of ``analyze --format json``."""

    schema_version: str = SCHEMA_VERSION
    article: ArticleInfo
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    actors: list[ActorRef] = Field(default_factory=list)
    places: list[PlaceRef] = Field(default_factory=list)
    dates: list[DateRef] = Field(default_factory=list)
    main_place: PlaceRef | None = Field(None, description="Where the article's main story happened")
    contradictions: list[Contradiction] = Field(default_factory=list)
    pipeline: dict[str, str] = Field(default_factory=dict, description="Component names and versions")

    def to_json(self, **kwargs) -> str:
        return self.model_dump_json(**kwargs)


def article_id(text: str) -> str:
    """Stable, content-derived article id: same text, same id, on any machine."""
    normalised = " ".join(text.split())
    return "a_" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def stable_id(prefix: str, *parts: object) -> str:
    """A short id derived from what identifies a thing (article id, offsets, type)."""
    raw = "|".join(str(p) for p in parts)
    return f"{prefix}_" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]
