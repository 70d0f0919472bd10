"""Ingest: every input format, metadata precedence, and bad input."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from khabar.errors import KhabarError
from khabar.ingest import Problem, iter_articles, parse_date
from khabar.model import article_id

HERE = Path(__file__).resolve().parents[1]
FIXTURES = HERE / "fixtures"
FLAGSHIP = HERE.parent / "examples" / "aleppo_talks_brief.txt"


def articles(*sources, **kw):
    return [a for a in iter_articles([str(s) for s in sources], **kw)]


def test_plain_text_article_has_stable_content_id():
    [a] = articles(FLAGSHIP)
    assert a.id == article_id(FLAGSHIP.read_text(encoding="utf-8"))
    assert a.language == "en" and a.published is None and a.origin == str(FLAGSHIP)
    assert a.title and a.title.startswith("#Syria|Secret talks")  # the first line reads as a headline
    [again] = articles(FLAGSHIP)
    assert again.id == a.id


def test_published_option_wins(tmp_path):
    [a] = articles(FLAGSHIP, published=date(2016, 12, 1), publisher="Brief")
    assert a.published == date(2016, 12, 1) and a.published_source == "option" and a.publisher == "Brief"


def test_html_extracts_text_and_metadata():
    [a] = articles(FIXTURES / "report.html")
    assert "Staffan de Mistura" in a.text and "Home" not in a.text.split("\n")[0]
    assert a.title and "Truce talks" in a.title
    assert a.published == date(2017, 3, 14)
    assert a.publisher == "Example Wire"


def test_jsonl_keeps_good_lines_and_reports_bad(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "x1", "text": "Turkish troops entered the town of al-Bab on Monday, officials said.",
                    "published": "2017-02-20", "publisher": "Wire", "title": "T"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"id": "x2", "text": "Rebels shelled a government checkpoint near Hama, the army said."}),
    ]), encoding="utf-8")
    items = articles(path)
    good = [i for i in items if not isinstance(i, Problem)]
    bad = [i for i in items if isinstance(i, Problem)]
    assert [g.external_id for g in good] == ["x1", "x2"]
    assert good[0].published == date(2017, 2, 20) and good[0].published_source == "metadata"
    assert good[1].published is None
    assert sorted(p.error.code for p in bad) == ["E025", "E026"]
    assert "line 2" in bad[0].error.message


def test_directory_reads_every_article_and_reports_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text("Iraqi forces retook a district of western Mosul on Sunday, the army said.")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text((FIXTURES / "report.html").read_text())
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG\r\n")
    items = articles(tmp_path)
    good = [i for i in items if not isinstance(i, Problem)]
    assert len(good) == 2
    assert [p.error.code for p in items if isinstance(p, Problem)] == ["E021"]


def test_feed_entries_become_articles():
    items = articles(FIXTURES / "feed.xml")
    good = [i for i in items if not isinstance(i, Problem)]
    assert [g.title for g in good] == ["Shelling reported near Idlib", "Aid convoy enters Madaya"]
    assert good[0].published == date(2017, 2, 6) and good[0].publisher == "Example Wire: Middle East"
    assert [i.error.code for i in items if isinstance(i, Problem)] == ["E033"]  # the empty entry


def test_stdin(monkeypatch):
    text = "Jordan closed its border crossing with Syria after a car bomb attack, the government said."
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    [a] = articles("-")
    assert a.text == text and a.origin == "<stdin>"


def test_latin1_text_is_decoded(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("The minister, M. Fabius, said the café meeting in Genève was cancelled by the délégation. "
                     "Officials said talks would resume next week.".encode("latin-1"))
    [a] = articles(path)
    assert "Genève" in a.text


@pytest.mark.parametrize("content,code", [
    (b"", "E021"),
    (b"   \n\t ", "E021"),
    (b"\x00\x01\x02\x03binary\x00\x00" * 50, "E022"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 10, "E022"),
])
def test_unusable_files_raise_one_error(tmp_path, content, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(KhabarError) as info:
        articles(path)
    assert info.value.code == code and str(path) in info.value.message


def test_missing_path():
    with pytest.raises(KhabarError) as info:
        articles("/nonexistent/article.txt")
    assert info.value.code == "E020"


def test_non_english_is_refused(tmp_path):
    path = tmp_path / "ar.txt"
    path.write_text("قال المتحدث باسم الجيش إن القوات سيطرت على المدينة بعد معارك عنيفة استمرت عدة أيام", encoding="utf-8")
    with pytest.raises(KhabarError) as info:
        articles(path)
    assert info.value.code == "E027" and "'ar'" in info.value.message


def test_xml_entity_expansion_is_refused(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                    '<rss><channel><item><description>&b;&b;</description></item></channel></rss>')
    with pytest.raises(KhabarError) as info:
        articles(path)
    assert info.value.code == "E030"


def test_broken_html_without_text(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><<<<script>var x = 1;</script></div>")
    with pytest.raises(KhabarError) as info:
        articles(path)
    assert info.value.code == "E024"


def test_oversized_text_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Rebels said talks were held. " * 50)
    with pytest.raises(KhabarError) as info:
        articles(path, config={"ingest": {"max_chars": 500}})
    assert info.value.code == "E028"


@pytest.mark.parametrize("url,code", [
    ("http://127.0.0.1:9/article", "E040"),
    ("http://localhost/article", "E040"),
    ("http://169.254.169.254/latest/meta-data", "E040"),
    ("http://10.1.2.3/x", "E040"),
    ("ftp://example.org/x.txt", "E043"),
    ("http://nonexistent.invalid/article", "E041"),
])
def test_urls_are_fetched_safely(url, code):
    with pytest.raises(KhabarError) as info:
        articles(url)
    assert info.value.code == code


def test_loopback_allowed_when_asked(tmp_path):
    """With --allow-private a local server is fetched (and its HTML extracted)."""
    import http.server
    import threading

    page = (FIXTURES / "report.html").read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/news/truce"
        [a] = articles(url, allow_private=True)
        assert "Geneva" in a.text and a.url
    finally:
        server.shutdown()


def test_parse_date():
    assert parse_date("2016-12-01") == date(2016, 12, 1)
    assert parse_date("2016-12-01T10:00:00Z") == date(2016, 12, 1)
    with pytest.raises(KhabarError):
        parse_date("yesterday")
