"""Place names in the actors and places stages: the bug classes found reading FA-KES output.

Each test writes its own sentences in the style of the reports (no report text is copied):
towns read as countries or actors, capitals read as governments, headline places missed,
split or sent to the wrong governorate.
"""

from __future__ import annotations

import pytest

from khabar.data.places import place_cues
from khabar.resolve.actors.placenames import gazetteer_place


@pytest.fixture(scope="module")
def run(actors_and_places):
    return actors_and_places


def _actor(actors, surface):
    return [a for a in actors if a.text == surface]


def _place(places, surface):
    hits = [p for p in places if p.text == surface]
    assert hits, f"{surface!r} not found among {[p.text for p in places]}"
    return hits[0]


# -- actors: towns are not countries, capitals are governments only when they act ----------------

def test_town_is_not_a_variant_of_a_capital(run, stage):
    actors, places = run("Army artillery pounded Douma again on Sunday, residents said.")
    assert not any(a.code == "TZA" for a in actors)  # Dodoma
    assert _place(places, "Douma").country == "SYR"
    assert all(a.kind != "metonym" for a in stage.kb.candidates("Douma"))


def test_person_names_are_not_country_variants(run):
    actors, _ = run("Emma Bonino spoke with Angela Kane and Ayman Safadi in Rome on Friday.")
    assert not any(a.type == "state" and a.code in ("BEN", "AGO", "JOR") for a in actors)


def test_capital_acts_only_as_an_agent(run):
    actors, places = run("Damascus denied the claim. Fighting went on in Damascus and in the suburbs "
                         "of Damascus. Moscow urged Damascus to accept talks with the opposition.")
    states = [(a.start, a.code) for a in actors if a.type == "state" and a.text == "Damascus"]
    starts = [p.start for p in places if p.text == "Damascus"]
    assert len(starts) == 4
    # The first (subject) and the last (object of "urged") act; the two places do not.
    assert states == [(starts[0], "SYR"), (starts[3], "SYR")]


def test_dateline_capital_is_a_place(run):
    actors, places = run("DAMASCUS (Reuters) - Two mortar shells hit a school, state media said.")
    assert not _actor(actors, "DAMASCUS")
    assert _place(places, "DAMASCUS").country == "SYR"


@pytest.mark.parametrize("text, town, admin1", [
    ("A car bomb went off near the Atmeh border crossing on Tuesday.", "Atmeh", "Idlib"),
    ("Kurdish fighters entered Al-Hasakah city after heavy clashes.", "Al-Hasakah", "Al-Hasakah"),
    ("Warplanes struck al-Asharah market and killed a dozen people.", "al-Asharah", "Deir ez-Zor"),
])
def test_town_tagged_person_or_org_is_a_place_not_an_actor(run, text, town, admin1):
    actors, places = run(text)
    assert not _actor(actors, town)
    assert _place(places, town).admin1 == admin1


def test_gazetteer_place_reads_heads_and_lists():
    assert gazetteer_place("Hama Countryside", False).admin1 == "Hama"
    assert gazetteer_place("al-Foua and Kafraya", False) is not None
    assert gazetteer_place("Hamza al-Khatib", True) is None


# -- places: the mention finder ------------------------------------------------------------------

def test_trap_words_hold_for_spacy_entities(run):
    _, places = run("A checkpoint on the Sayyeda Zainab (AS) Highway near Damascus was attacked.")
    assert not any(p.country == "YEM" for p in places)


@pytest.mark.parametrize("text, admin1", [
    ("27 killed in two days of fighting in Syrias Daraa Monitor AFP Saturday 3 May 2014", "Daraa"),
    ("Three Dead in Rocket Fire on Aleppo Residential Neighborhood. Rockets fell on a street.", "Aleppo"),
    ("12 dead in barrel bomb raid in Aleppo NGO AFP Tuesday 8 Jul 2014 helicopters dropped bombs", "Aleppo"),
])
def test_headline_places_are_found(run, text, admin1):
    _, places = run(text)
    assert admin1 in {p.admin1 for p in places}


def test_es_article_keeps_a_name_whole(run):
    _, places = run("Gunmen stormed Aqareb es Safi village east of Salamiyah on Thursday.")
    assert _place(places, "Aqareb es Safi").admin1 == "Hama"
    assert not any(p.country == "MAR" for p in places)


def test_name_prefix_alone_is_no_place(run):
    _, places = run("Fighters walk in Tal Samin village north of Raqqa city, and later took Tal Abyad.")
    assert not any(p.name == "At Tall" for p in places)
    assert _place(places, "Tal Samin").admin1 == "Raqqa"
    assert _place(places, "Tal Abyad").admin1 == "Raqqa"


# -- places: the resolver --------------------------------------------------------------------------

@pytest.mark.parametrize("text, town, admin1", [
    ("Air strikes hit Al-Shaara, a town held by the jihadists in Deir Ezzor province.", "Al-Shaara",
     "Deir ez-Zor"),
    ("Troops advanced in al-Malaah northwest of Aleppo Province this week.", "al-Malaah", "Aleppo"),
    ("A drone struck a car at the entrance of Hader in Quneitra province.", "Hader", "Quneitra"),
])
def test_governorate_named_in_the_sentence_wins(run, text, town, admin1):
    _, places = run(text)
    assert _place(places, town).admin1 == admin1


def test_alternate_name_in_an_unnamed_country_is_not_believed(run):
    _, places = run("Syrian army posts came under fire as rockets hit the al-Qusour and al-Joura "
                    "neighborhoods of Deir Ezzor city.")
    assert not any(p.country in ("EGY", "ISR") for p in places)


def test_place_cues_are_loaded():
    cues = place_cues()
    assert {"before", "after", "prefixes"} <= set(cues)
    assert "in" in cues["before"] and "village" in cues["after"] and "tal" in cues["prefixes"]
