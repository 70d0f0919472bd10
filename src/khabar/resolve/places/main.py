"""The article's main place: where most of what it reports happened."""

from __future__ import annotations

import math
import re
from collections import Counter

from khabar.data.places import admin1_surroundings
from khabar.model import ActorRef, PlaceRef
from khabar.resolve.numbers import alternation, number_words

# Specific places say more about where events happened than countries and regions do.
_WEIGHT = {"point": 1.2, "district": 1.2, "city": 1.0, "admin1": 0.8, "region": 0.8, "country": 0.2}
# The title and lead name the main place first: they count three times. The lead is the first
# two sentences (a title and its first sentence), within these bounds in characters.
_LEAD_CHARS, _LEAD_MAX = 300, 600
_LEAD_FACTOR = 3.0
SENTENCE_END = re.compile(r"[.!?][\"\u201d']?\s+(?=[A-Z\"\u201c])")
# News leads name the main event's place first (the inverted pyramid): the first place named
# as a place (not a reference point, an origin or a speaking capital) gets this extra vote.
_FIRST_BONUS = 1.0
# After the lead, "Separately", "Elsewhere", "In another development" open another story and
# "This follows...", "The attack comes after..." recall an earlier one: told at length, such
# background would outvote the lead's event, so what follows the first such cue counts half.
_ASIDE = re.compile(r"[.!?]\s+(?:Separately|Elsewhere|In other news|In (?:an|a separate|another) "
                    r"(?:development|incident)|(?:This|It|The \w+) (?:follows|(?:came|comes)\s+(?:as|after|amid|"
                    r"\w+\s+(?:\w+\s+)?after)))\b")
_ASIDE_FACTOR = 0.5
# The inverted pyramid: the further down a mention, the less it says about the main event. After
# the lead a mention's weight halves every this many characters, so a place repeated in the
# background of a long report ("the battle for Aleppo concerns all of Syria") stops outvoting
# the lead's (FA-KES tuning set: 88 -> 93 of 114; flat between 1,200 and 4,000).
_HALF_LIFE = 2000
# "just a day after dozens were killed in X", "hours after the attack on X", "since 2011",
# "last year": X belongs to an earlier event the report recalls, not to its own.
_BACKGROUND = re.compile(r"\b(?:(?:(?:an?|one|two|three|four|five|several|few|\d+)\s+)?"
                         r"(?:hours?|days?|weeks?|months?|years?)\s+(?:after|before|since)"
                         r"|(?:just|shortly|soon)\s+after|since|last\s+(?:year|month|week)"
                         r"|earlier\s+this\s+(?:year|month|week)|in\s+(?:19|20)\d\d|previously"
                         r"|in\s+the\s+past)\b", re.I)
_BACKGROUND_FACTOR = 0.3
_CLAUSE_END = re.compile(r"[.!?;]\s")
_REFERENCE, _ORIGIN, _METONYM = 0.5, 0.5, 0.3
# "near X", "north of X", "X's suburbs": X is a reference point, not where things happened.
_BEFORE = re.compile(r"\b(?:near|outside|around|toward|towards|(?:north|south|east|west)(?:east|west)?"
                     r"\s+of|(?:outskirts|suburbs?|countryside)\s+of|rural)"
                     r"(?:\s+(?:the|\w+s|\w+n|capital|city|town))*\s*$", re.I)
_AFTER = re.compile(r"^\W{0,2}s?\s*(?:suburbs?|outskirts|countryside|environs)\b", re.I)
# "evacuees from the towns of X", "fled from X", "residents of the besieged villages of X":
# where people (or fire) came from.
_FROM = re.compile(r"\b(?:from|(?:residents|natives|evacuees)\s+of|(?:positioned|stationed|located|holed\s+up)"
                   r"\s+in)\s+(?:the\s+)?(?:(?:\w+\s+){0,3}of\s+)?$", re.I)
# "MOSCOW (Sputnik) -", "BEIRUT, Oct 5 -": a dateline, where the report was filed.
_DATELINE = re.compile(r"^\s*(?:\(|[-\u2013\u2014]|,?\s*\w+\.?\s+\d{1,2}\b)")
# "said on a visit to X", "told reporters in X", "speaking from X": where a speaker was.
_SPEAKER = re.compile(r"\b(?:said|says|speaking|spoke|told\s+(?:a\s+|the\s+)?(?:\w+\s+)?(?:reporters|journalists|"
                      r"conference|briefing|forum|Reuters|AFP))(?:\s+by\s+(?:tele)?phone)?\s+(?:(?:on|during)\s+a\s+"
                      r"visit\s+to|in|at|from)\s+(?:the\s+)?(?:(?:\w+\s+){0,2}(?:city|town|capital)\s+of\s+)?$", re.I)
# "X and Y", "X, Y": a list shares the role of its first member ("near Damascus and Homs").
_LIST = re.compile(r"^\s*(?:,|and|or|,\s*and)\s*$")
# "Damascus said", "Moscow has repeatedly denied": a capital speaking for its government. Not
# after a preposition: "residents in Aleppo said" places the speakers.
_AGENT = re.compile(r"^\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:said|says|denied|denies|accused|accuses|"
                    r"announced|announces|warned|warns|rejected|rejects|claimed|claims|insisted|stated|"
                    r"condemned|condemns|urged|urges|called)\b", re.I)
_PREPOSITION = re.compile(r"\b(?:in|at|from|of|near|to|into|on|across|around|inside|outside)\s+(?:the\s+)?"
                          r"(?:\w+\s+){0,2}$", re.I)


# "42 people were killed", "killing three civilians", "the death toll rose to 30": a sentence
# reporting deaths. The governorates its places lie in gain votes growing with the toll: the
# main event of a round-up is the deadliest one (SANA and Observatory round-ups list several).
_CASUALTY = 2.0
_MAX_TOLL = 1000
_WORDS = number_words().values("articles", "cardinals", "vague")
_NUM = r"\d[\d,]*|" + alternation([*number_words().cardinals, *number_words().vague])
_KILLED = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?:(?!\d)[\w-]+\s+){{0,6}}?(?:(?:were|was|have\s+been|had\s+been|are|is)\s+)?"
    r"(?:killed|dead|died|massacred|executed|martyred)\b"
    rf"|\b(?:killing|killed|kills|kill)\s+(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+|about\s+|nearly\s+)?"
    rf"(?P<m>{_NUM}|a|an)\b"
    r"|\bdeath\s+toll\s+(?:\w+\s+){0,8}?(?:to|at|of|reached)\s+(?:at\s+least\s+)?(?P<k>\d[\d,]*)", re.I)


def _toll(sentence: str) -> int:
    """The largest death toll a sentence reports (0 if none)."""
    best = 0
    for m in _KILLED.finditer(sentence):
        word = (m["n"] or m["m"] or m["k"]).lower().replace(",", "")
        n = int(word) if word.isdigit() else _WORDS.get(word, 0)
        if n <= _MAX_TOLL:  # larger numbers are years or whole-war counts
            best = max(best, n)
    return best


def _casualty_votes(places: list[PlaceRef], roles: list[str], text: str, home: str | None,
                    lead: int) -> Counter:
    """Governorate -> votes from the death tolls reported after the lead (which gives the sum of
    a round-up): each sentence's toll (log) goes to the governorates it names, or, when it names
    none, to those of the sentence before ("Earlier a shell killed two children"). A governorate
    keeps its deadliest sentence: SANA round-ups retell one incident in two or three sentences,
    which summed would outweigh a deadlier incident told once."""
    votes: Counter = Counter()
    starts = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    i, last = 0, set()
    for a, b in zip(starts, starts[1:]):
        here = set()
        while i < len(places) and places[i].start < b:
            p, role = places[i], roles[i]
            if role in ("place", "reference") and p.admin1 and p.precision != "country" and p.country == home:
                here.add(p.admin1)
            i += 1
        last = here or last
        if a >= lead:
            for admin1 in last:
                votes[admin1] = max(votes[admin1], _CASUALTY * math.log1p(_toll(text[a:b])))
    return votes


def _in_background(p: PlaceRef, text: str) -> bool:
    """Whether the mention's clause, up to 100 characters before it, recalls an earlier time."""
    window = text[max(0, p.start - 100):p.start]
    start = max((m.end() for m in _CLAUSE_END.finditer(window)), default=0)
    return bool(_BACKGROUND.search(window, start))


def _is_reference(p: PlaceRef, text: str | None) -> bool:
    return text is not None and bool(_BEFORE.search(text[max(0, p.start - 40):p.start])
                                     or _AFTER.match(text[p.end:p.end + 16]))


def _metonym(p: PlaceRef, text: str | None, actors: dict[tuple[int, int], ActorRef]) -> bool:
    """A place standing for a government or an outlet: a capital the actors stage resolved as
    its own country's state ("Damascus" as Syria; a town misread as another country's state is
    no metonym), a name resolved as a media outlet, or a place that speaks ("Damascus said");
    never after a locative preposition ("in the Syrian capital Damascus")."""
    if text is not None and _PREPOSITION.search(text[max(0, p.start - 40):p.start]):
        return False
    a = actors.get((p.start, p.end))
    if a is not None and (a.type == "media" or (a.type == "state" and a.code == p.country)):
        return True
    return text is not None and bool(_AGENT.match(text[p.end:p.end + 40]))


def _roles(places: list[PlaceRef], text: str | None,
           actors: dict[tuple[int, int], ActorRef]) -> list[str]:
    """Per mention: "dateline", "speaker", "background", "reference", "metonym", "origin" or
    "place" (in text order)."""
    roles: list[str] = []
    for i, p in enumerate(places):
        if p.reason == "dateline" or (text is not None and len(p.text) > 3 and p.text.isupper()
                                      and _DATELINE.match(text[p.end:p.end + 20])):
            role = "dateline"  # capitals then "(Agency)", a dash or a date: where the report was filed
        elif text is not None and _SPEAKER.search(text[max(0, p.start - 60):p.start]):
            role = "speaker"
        elif text is not None and _in_background(p, text):
            role = "background"
        elif _is_reference(p, text):
            role = "reference"
        elif _metonym(p, text, actors):
            role = "metonym"
        elif text is not None and _FROM.search(text[max(0, p.start - 60):p.start]):
            role = "origin"
        elif (text is not None and i and roles[-1] in ("reference", "origin")
              and _LIST.match(text[places[i - 1].end:p.start])):
            role = roles[-1]
        else:
            role = "place"
        roles.append(role)
    return roles


def lead_end(text: str | None) -> int:
    """Where the lead ends: after its first two sentences, within 300 to 600 characters."""
    if text is None:
        return _LEAD_CHARS
    ends = [m.end() for _, m in zip(range(2), SENTENCE_END.finditer(text, 0, _LEAD_MAX))]
    return max(_LEAD_CHARS, ends[-1] if len(ends) == 2 else _LEAD_MAX)


def _weight(p: PlaceRef, role: str, lead: int = _LEAD_CHARS) -> float:
    # "northern Syria" is a part of a country: as vague as the country itself.
    precision = "country" if p.precision == "region" and not p.admin1 else p.precision
    weight = _WEIGHT.get(precision, 0.5) * (_LEAD_FACTOR if p.start < lead else 1.0)
    return weight * {"background": _BACKGROUND_FACTOR, "reference": _REFERENCE, "origin": _ORIGIN,
                     "metonym": _METONYM, "dateline": _METONYM,
                     "speaker": _METONYM}.get(role, 1.0)


def main_place(places: list[PlaceRef], text: str | None = None,
               actors: list[ActorRef] | None = None) -> PlaceRef | None:
    """The article's main place, or None when nothing was resolved.

    Each resolved mention votes for its place, weighted by precision (towns and districts
    over countries), by position (the title and lead count three times; the first place
    named as such gets an extra vote; after an aside, "Separately", "This follows", votes
    count half; after the lead, votes halve every 2,000 characters: the inverted pyramid),
    and down when it lies in a background clause ("a day after the strikes on X", "since
    2011"), is a reference point ("near Damascus", "rural Damascus"), an origin ("evacuees
    from Foua", "terrorists positioned in X"), a capital standing for a government
    ("Damascus denied"; a mention the actors stage resolved as that country's state), a
    dateline ("MOSCOW (Sputnik)") or where a speaker was ("said on a visit to X"). Mentions
    also vote for their governorate, so an article about several villages of one governorate
    lands there. When the lead names several governorates (a round-up), each of those also
    gains votes from the deadliest death toll reported after the lead in a sentence naming
    it: the deadliest incident is the main one. A city-governorate named mostly as a
    reference point gives way to the governorate around it: the result keeps the city's name
    and point, with ``admin1`` the surrounding governorate, precision ``region`` and a
    ``reason``.

    Args:
        places: the article's place mentions (``Analysis.places``).
        text: the article text, to see what surrounds each mention (optional).
        actors: the article's actor mentions, to spot metonyms (optional).
    """
    resolved = sorted((p for p in places if p.lat is not None and p.precision), key=lambda p: p.start)
    if not resolved:
        return None
    # Only resolved actors: the actors stage also keeps place names spaCy mistook for people or
    # organisations ("Jassem", "Daraa") as unresolved actors.
    by_span = {(a.start, a.end): a for a in actors or [] if a.resolved}
    roles = _roles(resolved, text, by_span)
    lead = lead_end(text)
    weights = [_weight(p, r, lead) for p, r in zip(resolved, roles)]
    # "Separately,", "In other news": what follows is another story, told at less length.
    aside = _ASIDE.search(text, lead) if text is not None else None
    if aside:
        weights = [w * _ASIDE_FACTOR if p.start > aside.start() else w for p, w in zip(resolved, weights)]
    home = _home_country(resolved, weights)
    # Decayed only now: a report's home country is where its places are, wherever they are named.
    weights = [w * 0.5 ** (max(0, p.start - lead) / _HALF_LIFE) for p, w in zip(resolved, weights)]
    surroundings = admin1_surroundings()
    votes: Counter = Counter()
    admin_votes: Counter = Counter()
    reference: Counter = Counter()
    first: dict[tuple, PlaceRef] = {}
    bonus_given = False
    for p, role, weight in zip(resolved, roles, weights):
        key = (p.name, p.country)
        if home is not None and p.country != home:
            weight *= 0.3
        elif not bonus_given and role == "place" and p.admin1 and p.precision not in ("country", "region"):
            weight += _FIRST_BONUS
            bonus_given = True
        votes[key] += weight
        first.setdefault(key, p)
        if p.admin1 and p.precision != "country":
            admin1 = p.admin1
            if p.precision == "city" and role == "reference":
                admin1 = surroundings.get(admin1, admin1)  # "near Damascus": Rif Dimashq
                reference[key] += weight
            admin_votes[(admin1, p.country)] += weight

    # A lead that names several governorates introduces a round-up: the deadliest of them wins.
    listed = {p.admin1 for p, r in zip(resolved, roles) if p.start < lead and r == "place" and p.admin1
              and p.country == home and p.precision != "country"}
    deaths: Counter = Counter()
    if text is not None and len(listed) > 1:
        deaths = Counter({k: v for k, v in _casualty_votes(resolved, roles, text, home, lead).items()
                          if k in listed})

    def total(k: tuple) -> tuple[float, int]:
        p = first[k]
        if p.precision == "country":
            return votes[k], -p.start
        return votes[k] + 0.5 * admin_votes.get((p.admin1, p.country), 0.0) + deaths.get(p.admin1, 0.0), -p.start
    key = max(votes, key=total)
    best = first[key]
    around = surroundings.get(best.admin1 or "")
    if around and best.precision == "city" and reference[key] >= 0.5 * votes[key]:
        return best.model_copy(update={"admin1": around, "precision": "region",
                                       "reason": f"around {best.name}"})
    # the article's main place is no dateline even when it was first named in one
    return best.model_copy(update={"reason": None}) if best.reason == "dateline" else best


def _home_country(resolved: list[PlaceRef], weights: list[float]) -> str | None:
    """The country where the article's weighty towns and districts are (a country named often
    as an actor, "US-led", or a capital that speaks, "Moscow said", does not count), helped by
    the countries named as places: a misread town abroad (a quarter of Aleppo read as the
    Iraqi city of the same name) ties with the real ones less often."""
    local: Counter = Counter()
    for p, w in zip(resolved, weights):
        if p.country:
            local[p.country] += w if p.precision != "country" else 0.25 * (w >= _WEIGHT["country"])
    return local.most_common(1)[0][0] if local else None
