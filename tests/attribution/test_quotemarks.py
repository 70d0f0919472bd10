"""Quote-mark pairing: straight and curly marks, paragraphs, unbalanced marks kept local."""

from khabar.attribution.quotemarks import find_quotations


def _texts(text):
    return [text[q.start:q.end] for q in find_quotations(text)]


def test_straight_and_curly_marks_pair():
    text = 'He said "one two three." She said “four five six.”'
    assert _texts(text) == ['"one two three."', "“four five six.”"]


def test_multi_paragraph_quote_opens_each_paragraph_and_closes_once():
    text = '"First part of it.\n\n"Second part, closed."\nAfter.'
    quotes = find_quotations(text)
    assert [text[q.start:q.end] for q in quotes] == ['"First part of it.', '"Second part, closed."']
    assert not quotes[0].closed and quotes[1].continued


def test_unbalanced_mark_stays_local():
    # The stray opening mark in the first paragraph must not swallow the second one.
    text = 'He warned “this never ends\n\nLater she said “a b c” and left.'
    assert _texts(text) == ["“this never ends", "“a b c”"]


def test_wrongly_shaped_closing_mark_is_read_by_context():
    text = "He added that “it is over, for now. “"
    assert _texts(text) == ["“it is over, for now. “"]


def test_no_marks_no_quotes():
    assert find_quotations("Nothing quoted here.\n\nNor here.") == []
