"""Readers for one input's bytes: plain text, HTML, JSON Lines, RSS/Atom feeds.

Each reader yields ``Draft`` records (text plus whatever metadata the format
carries) or ``Problem`` records for bad items inside a multi-article input.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from khabar.errors import KhabarError
from khabar.ingest.decode import decode_text

_HTML_HINT = re.compile(rb"<\s*(!doctype\s+html|html|body|head|article|p|div)\b", re.I)
_FEED_HINT = re.compile(rb"<\s*(rss|feed|rdf:RDF)\b", re.I)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
# An "article" with fewer letters than this is markup debris, not text.
MIN_LETTERS = 20


@dataclass
class Draft:
    """An article before normalisation: text and the metadata its input gave."""

    text: str
    source: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    external_id: str | None = None
    published_source: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Problem:
    """A bad item inside an input that also has good ones."""

    error: KhabarError


def sniff(data: bytes, name: str) -> str:
    """The format of an input: 'jsonl', 'feed', 'html' or 'text'."""
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    head = data[:4096].lstrip()
    if lower.endswith((".rss", ".atom", ".xml")) or (head.startswith(b"<?xml") and _FEED_HINT.search(head)):
        return "feed"
    if lower.endswith((".html", ".htm", ".xhtml")) or _HTML_HINT.search(head[:1024]):
        return "html"
    if head.startswith(b"{") and b'"text"' in data[:65536]:
        return "jsonl"
    return "text"


def headline(text: str) -> str | None:
    """A plain-text article's first line when it reads as a headline (short, no final full stop)."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if rest.strip() and 10 <= len(first) <= 160 and not first.endswith((".", ":", ",")):
        return first
    return None


def read_text(data: bytes, source: str) -> list[Draft]:
    text = decode_text(data, source)
    if not text.strip():
        raise KhabarError("E021", source=source)
    return [Draft(text=text, source=source, title=headline(text))]


def read_html(data: bytes, source: str, url: str | None = None) -> list[Draft]:
    """Main text and metadata of an HTML page, through trafilatura."""
    import trafilatura

    from khabar.ingest.decode import looks_binary

    reason = looks_binary(data)
    if reason:
        raise KhabarError("E022", source=source, detail=reason)
    if _ENTITY_DECL.search(data[:65536]):
        raise KhabarError("E030", source=source, detail="entity declarations")
    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                          favor_precision=True)
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise KhabarError("E024", source=source) from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        raise KhabarError("E024", source=source)
    return [Draft(text=text, source=source, title=getattr(doc, "title", None),
                  publisher=getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
                  published=getattr(doc, "date", None), url=getattr(doc, "url", None) or url,
                  published_source="html" if getattr(doc, "date", None) else None)]


def read_jsonl(data: bytes, source: str) -> list[Draft | Problem]:
    """One article per line; bad lines become Problems, the good ones are kept."""
    text = decode_text(data, source)
    if not text.strip():
        raise KhabarError("E021", source=source)
    out: list[Draft | Problem] = []
    stripped = text.strip()
    lines = [stripped] if stripped.startswith("{") and "\n" not in stripped else text.splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(Problem(KhabarError("E025", source=source, line=number, detail=exc.msg)))
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip():
            out.append(Problem(KhabarError("E026", source=source, line=number)))
            continue
        def opt(key: str) -> str | None:
            value = record.get(key)
            return str(value) if value not in (None, "") else None
        out.append(Draft(text=body, source=f"{source}:{number}", title=opt("title"),
                         publisher=opt("publisher"), published=opt("published"), url=opt("url"),
                         external_id=opt("id"), published_source="metadata" if opt("published") else None))
    return out


def read_feed(data: bytes, source: str) -> list[Draft | Problem]:
    """Entries of an RSS/Atom feed, with their own text (entry content or summary)."""
    import feedparser
    import lxml.html

    if _ENTITY_DECL.search(data[:65536]):
        raise KhabarError("E030", source=source, detail="entity declarations")
    parsed = feedparser.parse(data)
    if not parsed.entries:
        detail = str(parsed.get("bozo_exception", "no entries"))
        raise KhabarError("E032", source=source, detail=detail.splitlines()[0][:200])
    publisher = parsed.feed.get("title")
    out: list[Draft | Problem] = []
    for number, entry in enumerate(parsed.entries, 1):
        html = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        try:
            text = lxml.html.fromstring(html).text_content() if html.strip() else ""
        except Exception:  # lxml raises ParserError and others on junk
            text = ""
        text = re.sub(r"[ \t]+", " ", text).strip()
        if not text:
            out.append(Problem(KhabarError("E033", source=source, line=number)))
            continue
        published = None
        if entry.get("published_parsed"):
            p = entry.published_parsed
            published = f"{p.tm_year:04d}-{p.tm_mon:02d}-{p.tm_mday:02d}"
        out.append(Draft(text=text, source=f"{source}#{number}", title=entry.get("title"),
                         publisher=publisher, published=published, url=entry.get("link"),
                         external_id=entry.get("id"), published_source="metadata" if published else None))
    return out
