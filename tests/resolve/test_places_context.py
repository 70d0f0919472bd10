"""Place resolution read against the sentence: the FA-KES error classes of issue 6 ("proximity
to other places in the article").

Each test writes its own sentences in the style of the reports (no report text is copied):
same-name quarters in different governorates, a field "east of" a city, a village the text puts
in a governorate where the gazetteer has no place of that name, and datelines run into the
story without punctuation.
"""

from __future__ import annotations

import pytest

from khabar.resolve.places import is_dateline, resolve_names


@pytest.fixture(scope="module")
def run(actors_and_places):
    return actors_and_places


def _place(places, surface):
    hits = [p for p in places if p.text == surface]
    assert hits, f"{surface!r} not found among {[p.text for p in places]}"
    return hits[0]


# -- same-name places: the place the sentence puts it in decides -----------------------------

@pytest.mark.parametrize("city", ["Homs", "Aleppo"])
def test_quarter_of_a_named_city(run, city):
    # Zahraa is a quarter of Homs, a quarter of Aleppo and a town near Aleppo: only the city
    # the sentence names tells them apart, so one of the two readings fails without it.
    _, places = run(f"Two rockets fell on the Zahraa neighbourhood of {city} on Monday, wounding six.")
    assert _place(places, "Zahraa").admin1 == city


@pytest.mark.parametrize("city", ["Damascus", "Aleppo"])
def test_quarter_in_a_named_city(run, city):
    _, places = run(f"A suicide bomber struck a police station in the Midan district in {city} on Monday.")
    assert _place(places, "Midan").admin1 == city


@pytest.mark.parametrize("elsewhere, city", [("Aleppo and Idlib", "Homs"), ("Homs and Hama", "Aleppo")])
def test_governorate_named_in_the_same_sentence(run, elsewhere, city):
    # The article names both cities; the sentence of the mention names one.
    _, places = run(f"Warplanes pounded {elsewhere} on Monday. In {city}, a car bomb went off at the "
                    "entrance to Al-Zahraa, state media said.")
    assert _place(places, "Al-Zahraa").admin1 == city


def test_a_governorate_name_is_not_moved_by_its_neighbours(run):
    # "Daraa" shares its place key with Daraya (Rif Dimashq): the sentence naming Rif Dimashq
    # must not turn the governorate's namesake into the suburb.
    _, places = run("Rebels attacked positions where Rif Dimashq, Daraa and Quneitra meet.")
    assert _place(places, "Daraa").admin1 == "Daraa"


# -- "X east of Y", "the X gas field" ---------------------------------------------------------

def test_field_east_of_a_city(run):
    _, places = run("Jihadists overran the Shaar gas field east of Homs after heavy fighting.")
    shaar = _place(places, "Shaar")
    assert shaar.admin1 == "Homs" and shaar.name == "Shaer gas field"


@pytest.mark.parametrize("text, admin1", [
    ("Militants seized the Shaar oilfield on Thursday.", "Homs"),
    ("Mortar shells hit the Shaar district on Thursday.", "Aleppo"),
])
def test_feature_words_after_a_name(run, text, admin1):
    assert _place(run(text)[1], "Shaar").admin1 == admin1


def test_named_feature_is_read_only_in_articles():
    # A user's query has no text after it: the bare name resolves as before.
    assert resolve_names(["Shaar gas field"])[0].admin1 == "Homs"


# -- a place the text puts where the gazetteer has no namesake --------------------------------

@pytest.mark.parametrize("text, town, admin1, precision", [
    ("Army units shelled the village of Maala in the countryside of Homs province.", "Maala", "Homs",
     "admin1"),
    ("Kurdish fighters captured the area of Safsafeh east of Tabqa on Friday.", "Safsafeh", "Raqqa",
     "region"),
])
def test_place_without_a_namesake_there_goes_to_the_named_place(run, text, town, admin1, precision):
    place = _place(run(text)[1], town)
    assert (place.admin1, place.precision) == (admin1, precision)


def test_larger_place_named_first_is_not_moved(run):
    _, places = run("Barrel bombs fell on the Damascus suburb of Daraya overnight.")
    assert _place(places, "Damascus").admin1 == "Damascus"
    assert _place(places, "Daraya").admin1 == "Rif Dimashq"


# -- datelines ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, dateline, scene", [
    ("Last updated at Oct 082017 MOSCOW Some 120 fighters were killed in Deir ez-Zor.", "MOSCOW",
     "Deir ez-Zor"),
    ("Smoke rises over a street (AFP photo) BEIRUT Thirteen civilians died in Idlib.", "BEIRUT", "Idlib"),
    ("DAMASCUS Syria (AP) - Two mortar shells hit a school in Jaramana.", "DAMASCUS", "Jaramana"),
    ("MOSCOW (Sputnik) - Russian jets struck targets near Palmyra.", "MOSCOW", "Palmyra"),
])
def test_datelines_are_marked(run, text, dateline, scene):
    _, places = run(text)
    assert _place(places, dateline).reason == "dateline"
    assert _place(places, scene).reason is None


@pytest.mark.parametrize("text, start, end", [
    ("Delegations met in MOSCOW on Friday.", 19, 25),
    ("Strikes by U.S. jets hit Raqqa.", 11, 15),
    ("HOMS UNDER FIRE AGAIN", 0, 4),
])
def test_other_capitals_are_not_datelines(text, start, end):
    assert not is_dateline(text, start, end)
