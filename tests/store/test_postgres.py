"""The store on PostgreSQL: same migrations, same idempotence (needs a server; see .ci/postgres.sh)."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_store import sample  # noqa: E402


@pytest.fixture
def pg_store():
    url = os.environ.get("KHABAR_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server: set KHABAR_TEST_PG_URL (.ci/run starts one with .ci/postgres.sh)")
    pytest.importorskip("psycopg")
    from sqlalchemy import create_engine, text

    from khabar.store import Store, _normalise_url

    name = "khabar_test_" + uuid.uuid4().hex[:8]
    admin = create_engine(_normalise_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    store = Store.open(url.rsplit("/", 1)[0] + "/" + name)
    yield store
    store.engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}"'))
    admin.dispose()


def test_postgres_roundtrip_and_idempotence(pg_store):
    art, analysis = sample()
    assert pg_store.save(art, analysis) and not pg_store.save(art, analysis)
    assert pg_store.counts() == {"articles": 1, "events": 1, "quotes": 1}
    [(row, result)] = list(pg_store.iter_analyses())
    assert row["published"].isoformat() == "2018-01-21" and result["events"][0]["actors"][0]["code"] == "TUR"
    assert pg_store.list_events(event_type="ASSAULT", actor_code="TUR")
