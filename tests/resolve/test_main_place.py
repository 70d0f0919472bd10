"""Pinned floor: the governorate of the article's main place on hand-judged FA-KES articles.

The judged articles (``data/fakes_main_place.csv``) are those where khabar's ``main_place``
and the naive guess (the first place named in a Syrian governorate) disagreed, judged by
reading each article; ``data/fakes_main_place_agreeing.csv`` is a random sample of articles
where they agree; ``data/fakes_main_place_fresh.csv`` holds articles judged later, from the
text alone, after a change of ``main_place`` changed their answer (``set`` = changed).
``data/fakes_main_place_heldout.csv`` is frozen: 65 articles judged blind (text only, the
guesses unseen) before the fifth round of rules and never tuned on (``set``: disagreeing, the
5 disagreements no earlier file held; agreeing, 20 sampled agreeing articles; random, 40 more).
Method and numbers: docs/places.md, "Measured". FA-KES texts are read from ../shared at run
time; the test skips without them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from khabar.eval.main_place import analyse, governorate, load_fakes, naive_place, read_judged
from khabar.model import PlaceRef

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[2]
FAKES = Path(os.environ.get("KHABAR_SHARED") or ROOT.parent / "shared") / "data" / "fakes" / "articles.jsonl"
# Measured on the judged disagreements (docs/places.md: 94 of 114), less a margin of about 3 articles.
FLOOR_DISAGREEING = 0.80
# khabar's accuracy over the naive guess's, same articles (measured 0.298: 94 against 60 of 114).
FLOOR_NAIVE_GAP = 0.27
FLOOR_AGREEING = 0.75
FLOOR_FRESH = 0.75  # judged after the change, from the text alone (measured 9 of 10)
# The frozen held-out file (measured 61 of 65 = 0.938, the naive guess 62): most of it is articles
# where the two agree, so the gap is pinned as "not more than about 3 articles behind", not ahead.
FLOOR_HELDOUT = 0.90
FLOOR_HELDOUT_GAP = -0.05
JUDGED = ("fakes_main_place.csv", "fakes_main_place_agreeing.csv", "fakes_main_place_fresh.csv",
          "fakes_main_place_heldout.csv")


@pytest.fixture(scope="module")
def judged(pipeline):
    if not FAKES.exists():
        pytest.skip(f"shared data not available: {FAKES}")
    gold = {}
    for name in JUDGED:
        gold |= read_judged(DATA / name)
    records = analyse(load_fakes(FAKES, gold), pipeline)
    out = {}
    for r in records:
        main = PlaceRef(**r["main"]) if r["main"] else None
        naive = naive_place([PlaceRef(**p) for p in r["places"]])
        out[r["id"]] = (gold[r["id"]], governorate(main), governorate(naive))
    return out


def test_judged_files_are_well_formed():
    for name in JUDGED:
        rows = read_judged(DATA / name)
        assert len(rows) >= 10 and all(a.startswith("fakes-") and g for a, g in rows.items())
    assert read_judged(DATA / "fakes_main_place_fresh.csv", judged_set="changed")
    heldout = DATA / "fakes_main_place_heldout.csv"
    assert [len(read_judged(heldout, judged_set=s)) for s in ("disagreeing", "agreeing", "random")] == [5, 20, 40]
    earlier = set()
    for name in JUDGED[:-1]:
        earlier |= set(read_judged(DATA / name))
    assert not earlier & set(read_judged(heldout)), "held-out articles must be judged nowhere else"


def test_main_place_beats_the_naive_guess_on_disagreements(judged):
    ids = read_judged(DATA / "fakes_main_place.csv")
    ours = sum(judged[a][0] == judged[a][1] for a in ids) / len(ids)
    naive = sum(judged[a][0] == judged[a][2] for a in ids) / len(ids)
    assert ours >= FLOOR_DISAGREEING, f"main_place right on {ours:.2f} of judged disagreements"
    assert ours - naive >= FLOOR_NAIVE_GAP, f"main_place {ours:.2f} vs naive {naive:.2f}"


def test_main_place_on_agreeing_sample(judged):
    ids = read_judged(DATA / "fakes_main_place_agreeing.csv")
    ours = sum(judged[a][0] == judged[a][1] for a in ids) / len(ids)
    assert ours >= FLOOR_AGREEING, f"main_place right on {ours:.2f} of the agreeing sample"


def test_main_place_on_articles_judged_after_the_change(judged):
    ids = read_judged(DATA / "fakes_main_place_fresh.csv")
    ours = sum(judged[a][0] == judged[a][1] for a in ids) / len(ids)
    assert ours >= FLOOR_FRESH, f"main_place right on {ours:.2f} of the articles judged later"


def test_main_place_on_the_frozen_held_out_articles(judged):
    ids = read_judged(DATA / "fakes_main_place_heldout.csv")
    ours = sum(judged[a][0] == judged[a][1] for a in ids) / len(ids)
    naive = sum(judged[a][0] == judged[a][2] for a in ids) / len(ids)
    assert ours >= FLOOR_HELDOUT, f"main_place right on {ours:.2f} of the held-out articles"
    assert ours - naive >= FLOOR_HELDOUT_GAP, f"main_place {ours:.2f} vs naive {naive:.2f} (held out)"


def _refs(text: str, names: dict[str, tuple[str, str]]) -> list[PlaceRef]:
    """PlaceRefs for each occurrence of the given names: name -> (governorate, precision)."""
    out = []
    for name, (admin1, precision) in names.items():
        start = text.find(name)
        while start >= 0:
            out.append(PlaceRef(text=name, start=start, end=start + len(name), name=name, lat=35.0,
                                lon=37.0, country="SYR", admin1=admin1, precision=precision))
            start = text.find(name, start + 1)
    return sorted(out, key=lambda p: p.start)


def test_origins_and_reference_points_give_way_to_the_scene():
    from khabar.resolve.places import main_place

    text = ("Evacuees from the towns of Foua and Kefraya died when a bomb hit their buses at "
            "Rashidin outside Aleppo. The buses from Foua and Kefraya had waited for a day.")
    places = _refs(text, {"Foua": ("Idlib", "city"), "Kefraya": ("Idlib", "city"),
                          "Rashidin": ("Aleppo", "district"), "Aleppo": ("Aleppo", "city")})
    assert main_place(places, text).name == "Rashidin"
    assert main_place(places).name == "Foua"  # without the text, the first place named


def test_unresolved_actor_on_a_place_is_no_metonym():
    from khabar.model import ActorRef
    from khabar.resolve.places import main_place

    text = "Air strikes on Jassem killed 15, Damascus said. Elsewhere Homs was calm."
    places = _refs(text, {"Jassem": ("Daraa", "city"), "Damascus": ("Damascus", "city"),
                          "Homs": ("Homs", "city")})
    unresolved = [ActorRef(text="Jassem", start=p.start, end=p.end, name="Jassem", type="person")
                  for p in places if p.name == "Jassem"]
    assert main_place(places, text, unresolved).name == "Jassem"
    state = [ActorRef(text="Damascus", start=p.start, end=p.end, name="Syria", code="SYR",
                      type="state", resolved=True) for p in places if p.name == "Damascus"]
    assert main_place(places, text, unresolved + state).name == "Jassem"


def test_suburbs_of_a_city_governorate_are_the_governorate_around_it():
    from khabar.resolve.places import main_place

    text = "Shells hit the eastern suburbs of Damascus on Monday, the suburbs of Damascus again."
    main = main_place(_refs(text, {"Damascus": ("Damascus", "city")}), text)
    assert (main.name, main.admin1, main.precision) == ("Damascus", "Rif Dimashq", "region")
    assert main.reason == "around Damascus"


# Title and lead (counted three times) end at the second sentence, after 300 characters at least.
_LEAD = " Residents said the night had been long and loud" + " and long" * 30 + ". "


def test_a_round_up_lands_where_most_died():
    from khabar.resolve.places import main_place

    names = {"Damascus": ("Damascus", "city"), "Aleppo": ("Aleppo", "city"), "Idlib": ("Idlib", "city")}
    body = ("Shells hit Damascus on Friday and Damascus again, damaging cars. A rocket hit Aleppo "
            "killing twelve people. Shells hit Idlib injuring two.")
    text = "Six killed in shelling on Damascus, Aleppo and Idlib." + _LEAD + body
    assert main_place(_refs(text, names), text).name == "Aleppo"
    # Without a round-up lead (one governorate named), tolls further down do not count.
    single = "Six killed in shelling on Damascus." + _LEAD + body
    assert main_place(_refs(single, names), single).name == "Damascus"


def test_datelines_speakers_and_asides_count_less():
    from khabar.resolve.places import main_place

    text = ("DAMASCUS (Sputnik) - Strikes hit Raqqa." + _LEAD + "The strikes killed ten, Fabius said "
            "on a visit to Homs. Separately, clashes went on in Homs, Homs, Homs and Homs.")
    names = {"Raqqa": ("Raqqa", "city"), "Homs": ("Homs", "city"), "DAMASCUS": ("Damascus", "city")}
    assert main_place(_refs(text, names), text).name == "Raqqa"
    # A dateline named as a place would win (the lead's first place); and without the aside
    # and the speaker, Homs is named often enough to win.
    dated = text.replace("DAMASCUS (Sputnik) -", "In DAMASCUS")
    assert main_place(_refs(dated, names), dated).name == "DAMASCUS"
    plain = text.replace("Separately, clashes", "Clashes").replace("said on a visit to", "met in")
    places = _refs(plain, names)
    assert main_place(places, plain).name == "Homs"


def test_a_place_in_a_background_clause_counts_less():
    from khabar.resolve.places import main_place

    text = "Rockets hit a school in Aleppo, just hours after air strikes on Idlib, Idlib and Idlib." + _LEAD
    names = {"Aleppo": ("Aleppo", "city"), "Idlib": ("Idlib", "city")}
    assert main_place(_refs(text, names), text).name == "Aleppo"
    # Without the cue the three mentions of Idlib outvote the first place named.
    plain = text.replace("just hours after", "and")
    assert main_place(_refs(plain, names), plain).name == "Idlib"


def test_places_far_down_a_long_report_count_less():
    from khabar.resolve.places import main_place

    filler = "The war has gone on for years and many have fled their homes. " * 80
    tail = "Aleppo was named. Aleppo again. Aleppo too. Aleppo once more. Aleppo, last."
    names = {"Homs": ("Homs", "city"), "Aleppo": ("Aleppo", "city")}
    text = "Clashes broke out in Homs on Monday." + _LEAD + filler + tail
    assert main_place(_refs(text, names), text).name == "Homs"
    # The same five mentions right after the lead outvote it.
    near = "Clashes broke out in Homs on Monday." + _LEAD + tail + filler
    assert main_place(_refs(near, names), near).name == "Aleppo"


def test_a_round_up_incident_retold_three_times_counts_once():
    from khabar.resolve.places import main_place

    text = ("Shelling killed five in Hama and Aleppo." + _LEAD + "Two people were killed in Aleppo on Friday. "
            "The rocket on Aleppo killed two people, police in Aleppo said. Medics in Aleppo said it killed two "
            "people. Three people were killed in Hama when a bomb went off in Hama. Hama police said Hama was calm.")
    names = {"Hama": ("Hama", "city"), "Aleppo": ("Aleppo", "city")}
    assert main_place(_refs(text, names), text).name == "Hama"


def test_blind_sample_skips_judged_articles_and_keeps_every_new_disagreement(tmp_path):
    from khabar.eval.main_place import blind_sample

    (tmp_path / "fakes_main_place_x.csv").write_text("id,governorate,reason,clear\nfakes-1,Idlib,r,yes\n"
                                                     "fakes-3,Idlib,r,yes\n", encoding="utf-8")
    pairs = {"fakes-1": ("Idlib", "Homs"), "fakes-2": ("Hama", "Homs"), "fakes-3": ("Idlib", "Idlib")}
    pairs |= {f"fakes-{i}": ("Aleppo", "Aleppo") for i in range(4, 30)}
    ids = blind_sample(pairs, 5, judged_dir=tmp_path)
    assert len(ids) == 6 and "fakes-2" in ids and not {"fakes-1", "fakes-3"} & set(ids)
    assert ids == blind_sample(pairs, 5, judged_dir=tmp_path)  # the same seed, the same sample
