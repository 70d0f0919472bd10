"""Store: migrations, idempotent ingest, replace, atomic writes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect

from khabar.model import (ActorRef, Analysis, Article, Aux, Event, Evidence, PlaceRef, Quote, Span, article_id,
                          stable_id)
from khabar.store import Store

TEXT = "Turkish artillery shelled Kurdish positions near Afrin on Sunday, the monitor said."


def sample(text: str = TEXT, negated: bool = False) -> tuple[Article, Analysis]:
    aid = article_id(text)
    art = Article(id=aid, text=text, published=date(2018, 1, 21), publisher="Wire", external_id="w-1")
    trig = Span(text="shelled", start=18, end=25)
    event = Event(
        id=stable_id("e", aid, 18, "ASSAULT"), event_type="ASSAULT", mode="artillery", status="happened",
        aux=Aux(negated=negated),
        actors=[ActorRef(text="Turkish artillery", start=0, end=17, name="Turkey", code="TUR", sector="MIL",
                         resolved=True)],
        recipients=[ActorRef(text="Kurdish positions", start=26, end=43, code="SYR", sector="REB")],
        location=PlaceRef(text="Afrin", start=49, end=54, name="Afrin", lat=36.51, lon=36.87, country="SYR",
                          admin1="Aleppo", precision="city"),
        trigger=trig, evidence=Evidence(sentence=0, start=0, end=len(text), text=text))
    quote = Quote(id=stable_id("q", aid, 0, 55), kind="reported", content=Span(text=text[:55], start=0, end=55),
                  speaker=ActorRef(text="the monitor", start=70, end=81), events=[event.id])
    return art, Analysis(article=art.info, events=[event], quotes=[quote], actors=event.actors + event.recipients)


@pytest.fixture
def store(tmp_path):
    return Store.open(str(tmp_path / "k.db"))


def test_migrations_create_the_schema(store):
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "analyses", "events", "quotes", "alembic_version"} <= tables
    store.migrate()  # running again is a no-op


def test_ingest_is_idempotent(store):
    art, analysis = sample()
    assert store.save(art, analysis) is True
    assert store.save(art, analysis) is False
    assert store.counts() == {"articles": 1, "events": 1, "quotes": 1}
    [(row, result)] = list(store.iter_analyses())
    assert row["id"] == art.id and result["events"][0]["event_type"] == "ASSAULT"


def test_replace_swaps_the_analysis(store):
    art, analysis = sample()
    store.save(art, analysis)
    store.save(art, analysis.model_copy(update={"events": []}), replace=True)
    assert store.counts() == {"articles": 1, "events": 0, "quotes": 1}


def test_failed_write_leaves_nothing(store, monkeypatch):
    import khabar.store as store_module

    real_insert = store_module.insert

    def failing_insert(table):
        if table.name == "quotes":
            raise RuntimeError("disk full")
        return real_insert(table)

    monkeypatch.setattr(store_module, "insert", failing_insert)
    with pytest.raises(RuntimeError):
        store.save(*sample())
    assert store.counts() == {"articles": 0, "events": 0, "quotes": 0}


def test_duplicate_ids_from_a_stage_are_stored_once(store):
    art, analysis = sample()
    doubled = analysis.model_copy(update={"events": analysis.events * 2, "quotes": analysis.quotes * 2})
    assert store.save(art, doubled)
    assert store.counts() == {"articles": 1, "events": 1, "quotes": 1}


def test_bad_database_url_is_one_error(tmp_path):
    from khabar.errors import KhabarError

    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(KhabarError) as info:
        Store.open(str(target / "sub" / "k.db"))
    assert info.value.code == "E060"


def test_near_copies_are_flagged_not_dropped(store):
    base = " ".join([
        "Government forces shelled the rebel-held town of Douma east of Damascus on Monday, killing at",
        "least nine civilians including three children, a monitoring group said. The strikes hit a market",
        "and a school, and rescue workers said more people were trapped under the rubble. The town has been",
        "besieged for four years and its remaining residents depend on convoys that have not arrived since",
        "the spring. A local council official said bakeries had closed for lack of flour and that the only",
        "hospital still working was treating the wounded in its basement. Rebel groups in the area said they",
        "had fired mortars at government positions in response, and state media reported that two soldiers",
        "were killed in the exchange. The United Nations envoy called on all parties to allow aid in and to",
        "respect the truce agreed last month, while the opposition negotiators said they would not return to",
        "the talks until the bombardment stopped and detainees were released. Diplomats said the next round",
        "could be postponed again if the fighting continued through the week.",
    ])
    art, analysis = sample(base)
    store.save(art, analysis)
    copy_art, copy_analysis = sample("DAMASCUS (Wire) - " + base + " (Editing by staff)")
    other_art, other_analysis = sample("Turkish troops entered the town of al-Bab on Monday after weeks of "
                                       "fighting with Islamic State militants, the Turkish army said.")
    assert store.save(copy_art, copy_analysis) and store.save(other_art, other_analysis)
    flags = {row["id"]: row["near_duplicate_of"] for row in store.list_articles()}
    assert flags[copy_art.id] == art.id and flags[art.id] is None and flags[other_art.id] is None
    assert store.near_duplicates() == 1


def test_distance_and_bands():
    from khabar.ingest.dedup import bands, distance, simhash

    a = simhash("one two three four five six seven")
    assert distance(a, a) == 0 and len(bands(a)) == 6 and all(0 <= b < 1 << 11 for b in bands(a))
    assert -(1 << 63) <= a < 1 << 63  # fits a signed 64-bit SQL integer


def test_an_old_database_is_upgraded_in_place(tmp_path):
    """A store at revision 0001 keeps its rows and gains the near-duplicate columns on open."""
    from importlib import resources

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    url = "sqlite:///" + str(tmp_path / "old.db")
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("khabar.store") / "migrations"))
    engine = create_engine(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO articles (id, text, ingested_at) VALUES ('a_old', 'old text', '2020-01-01')"))
    engine.dispose()
    store = Store.open(url)
    assert {c["name"] for c in inspect(store.engine).get_columns("articles")} >= {"simhash", "near_duplicate_of"}
    assert store.counts()["articles"] == 1
    art, analysis = sample()
    assert store.save(art, analysis) and store.counts()["articles"] == 2
