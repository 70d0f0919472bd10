"""Web UI and JSON API: pages render, untrusted text is escaped, errors are clean."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from khabar.web.app import create_app, highlight  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from test_store import sample  # noqa: E402

HOSTILE = "<script>alert('x')</script> Rebels <b>shelled</b> the town, officials said & more."


@pytest.fixture
def client(tmp_path):
    from khabar.store import Store

    db = str(tmp_path / "w.db")
    store = Store.open(db)
    art, analysis = sample()
    store.save(art, analysis)
    hostile_art, hostile_analysis = sample(HOSTILE)
    store.save(hostile_art.model_copy(update={"title": "<img src=x onerror=alert(1)>"}),
               hostile_analysis.model_copy(update={"article": hostile_art.info}))
    return TestClient(create_app(db)), art, hostile_art


def test_index_and_article_pages(client):
    c, art, _ = client
    index = c.get("/")
    assert index.status_code == 200 and art.id in index.text
    page = c.get(f"/articles/{art.id}")
    assert page.status_code == 200 and "ASSAULT" in page.text and '<mark class="actor">Kurdish positions</mark>' in page.text


def test_untrusted_text_is_escaped(client):
    c, _, hostile = client
    page = c.get(f"/articles/{hostile.id}").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in c.get("/").text


def test_json_api(client):
    c, art, _ = client
    assert c.get("/api/articles").json()["total"] == 2
    assert c.get(f"/api/articles/{art.id}").json()["events"][0]["event_type"] == "ASSAULT"
    assert len(c.get("/api/events", params={"event_type": "assault", "actor_code": "TUR"}).json()["events"]) >= 1
    missing = c.get("/api/articles/nope")
    assert missing.status_code == 404 and "error" in missing.json()
    assert c.get("/articles/nope").status_code == 404


def test_highlight_escapes_and_skips_overlaps():
    out = str(highlight("a <b> c", [(0, 1, "actor"), (0, 3, "place"), (6, 7, "date")]))
    assert out == '<mark class="actor">a</mark> &lt;b&gt; <mark class="date">c</mark>'


def test_serve_defaults_to_localhost():
    import inspect

    from khabar.cli.articles import serve

    assert inspect.signature(serve).parameters["host"].default.default == "127.0.0.1"
