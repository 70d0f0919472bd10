"""PLOVER JSON records, with the manual's own field names (its "Data Fields" chapter)."""

from __future__ import annotations

from datetime import date

CODEBOOK = "plover-2.0"


def _entity(actor: dict) -> dict:
    out = {"entity_text": actor.get("text"), "code": actor.get("code"), "sector": actor.get("sector")}
    if actor.get("wikidata"):
        out["identifier_id"] = actor["wikidata"]
    if actor.get("name"):
        out["identifier_text"] = actor["name"]
    if actor.get("role"):
        out["office"] = actor["role"]
    return out


def _location(place: dict | None) -> dict | None:
    if not place:
        return None
    return {"extracted_place": place.get("text"), "resolved_place": place.get("name"),
            "geonameid": place.get("geonames_id"), "lat": place.get("lat"), "lon": place.get("lon"),
            "province": place.get("admin1"), "country_code": place.get("country"),
            "resolution": {"point": 5, "district": 5, "city": 4, "admin1": 2, "country": 1}.get(
                place.get("precision") or "", None)}


def plover_record(event: dict, article: dict, sentences: list[str] | None = None) -> dict:
    """One khabar event (its JSON form) as a PLOVER record."""
    event_date = (event.get("date") or {}).get("value") if event.get("date") else None
    published = article.get("published")
    if isinstance(published, date):
        published = published.isoformat()
    evidence = event.get("evidence") or {}
    return {
        "id": event["id"],
        "date": (event_date or "")[:10] or published,
        "actor": [_entity(a) for a in event.get("actors", [])],
        "recipient": [_entity(a) for a in event.get("recipients", [])],
        "event": [event["event_type"]],
        "mode": [event["mode"]] if event.get("mode") else [],
        "context": list(event.get("context") or []),
        "event_loc": _location(event.get("location")),
        "event_text": [(event.get("trigger") or {}).get("text")],
        "quad_code": event.get("quad_class"),
        "event_scale": event.get("intensity"),
        "text": evidence.get("text"),
        "text_info": {"sequence": evidence.get("sentence"), "start": evidence.get("start"),
                      "end": evidence.get("end")},
        "cite_info": {"corpus": "khabar", "citation": article.get("external_id") or article.get("id"),
                      "url": article.get("url"), "title": article.get("title"),
                      "language": article.get("language"), "publication": article.get("publisher"),
                      "coder": event.get("coder"), "codebook": CODEBOOK},
        "coder": event.get("coder"),
        "comment": f"status={event.get('status')}",
        # khabar's additions (the manual invites named fields beyond its own)
        "status": event.get("status"),
        "aux": event.get("aux"),
        "mediator": [_entity(a) for a in event.get("mediators", [])],
        "attribution": event.get("attribution", []),
        "confidence": event.get("confidence"),
    }
