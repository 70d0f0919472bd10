"""The text report says why a date expression has no value."""

from __future__ import annotations

from datetime import date

from rich.console import Console

from khabar.cli.report import render
from khabar.model import Analysis, ArticleInfo, DateRef


def _printed(published) -> str:
    analysis = Analysis(article=ArticleInfo(id="a_1", published=published),
                        dates=[DateRef(text="morning", start=0, end=7)])
    console = Console(record=True, width=100)
    render(analysis, console)
    return console.export_text()


def test_a_vague_expression_in_a_dated_article_is_not_blamed_on_a_missing_date():
    out = _printed(date(2016, 9, 8))
    assert "not resolved (too vague)" in out and "no publication date" not in out


def test_without_a_publication_date_the_expression_stays_relative():
    assert "relative (no publication date)" in _printed(None)
