"""The web UI in headless Chromium: the page renders, and hostile article text never runs."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
pytest.importorskip("uvicorn")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from test_store import sample  # noqa: E402

HOSTILE = ('<script>document.title="PWNED"</script><img src=x onerror="document.title=\'PWNED\'"> '
           'Rebels shelled the town, officials said.')
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")


@pytest.fixture
def server(tmp_path):
    import uvicorn

    from khabar.store import Store
    from khabar.web.app import create_app

    db = str(tmp_path / "b.db")
    store = Store.open(db)
    art, analysis = sample()
    store.save(art, analysis)
    bad, bad_analysis = sample(HOSTILE)
    store.save(bad, bad_analysis.model_copy(update={"article": bad.info}))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", art, bad
    srv.should_exit = True
    thread.join(timeout=5)


def _run(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, timeout=120)


def test_article_page_renders_in_chromium(server, tmp_path):
    chromium = _chromium()
    base, art, _ = server
    shot = tmp_path / "article.png"
    _run(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1280,1600", f"{base}/articles/{art.id}")
    assert shot.exists() and shot.stat().st_size > 10_000
    dom = _run(chromium, tmp_path, "--dump-dom", f"{base}/articles/{art.id}").stdout.decode()
    assert "ASSAULT" in dom and "Kurdish positions" in dom


def test_hostile_text_does_not_execute(server, tmp_path):
    chromium = _chromium()
    base, _, bad = server
    dom = _run(chromium, tmp_path, "--dump-dom", f"{base}/articles/{bad.id}").stdout.decode()
    assert "Rebels shelled" in dom
    assert "PWNED" not in dom.split("</title>")[0]
    assert "<script>document.title" not in dom
