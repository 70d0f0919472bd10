"""Cue and source spans drawn as PolNeAR draws them, and the layouts added in round 3."""

from khabar.attribution import QuoteExtractor
from khabar.attribution.labels import _name_list


def _by_cue(quotes, cue):
    hits = [q for q in quotes if q.cue is not None and q.cue.text == cue]
    assert hits, f"no quote with cue {cue!r}: {[(q.cue and q.cue.text) for q in quotes]}"
    return hits[0]


def test_infinitive_cue_keeps_to_and_governing_verb(extract):
    quotes, _ = extract("The senator went on to say that the bill would fail in the House.")
    q = _by_cue(quotes, "went on to say")
    assert q.content.text.endswith("the bill would fail in the House")


def test_source_drops_participial_clause(extract):
    quotes, _ = extract("Trump, speaking to a veterans group in Virginia, said the military was depleted.")
    assert _by_cue(quotes, "said").speaker.text == "Trump"


def test_source_drops_date_after_name(extract):
    quotes, _ = extract("The governor on Tuesday said that the roads would reopen next week.")
    assert _by_cue(quotes, "said").speaker.text == "The governor"


def test_source_keeps_apposition(extract):
    quotes, _ = extract("Jane Doe, a spokeswoman for the ministry, said the border would stay closed.")
    assert _by_cue(quotes, "said").speaker.text == "Jane Doe, a spokeswoman for the ministry"


def test_clause_hung_on_the_setting(extract):
    quotes, _ = extract("The council says in a statement that the vote was fair and the count is final.")
    q = [q for q in quotes if q.cue is not None and q.cue.text.startswith("says")][0]
    assert q.content.text.endswith("the vote was fair and the count is final") and q.speaker.text == "The council"


def test_according_to_opening_the_sentence(extract):
    quotes, _ = extract("According to conservative talk radio host Rush Limbaugh, the move reeks of desperation.")
    q = _by_cue(quotes, "According to")
    assert q.kind == "according_to" and q.speaker.text == "conservative talk radio host Rush Limbaugh"
    assert q.content.text == "the move reeks of desperation"


def test_block_quote_after_a_colon(extract):
    text = ("The governor said the plan was sound. He added:\n\n"
            "It is typical of the opposition. They know nothing, but they talk all day.\n\n"
            "The vote is on Friday.")
    quotes, _ = extract(text)
    q = _by_cue(quotes, "added")
    assert q.content.text.startswith("It is typical") and q.content.text.endswith("talk all day")


def test_transcript_labels_beat_a_quotation_further_back(extract):
    text = ('The exchange went on, as the transcript shows:\n\n'
            '"WALLACE: Do you really see those two as equivalent, governor?\n\n'
            '"PENCE: Well, look, the question really should be about the economy."')
    quotes, _ = extract(text)
    labels = [q for q in quotes if q.cue is not None and q.cue.text == ":"]
    assert {q.speaker.text for q in labels} == {"WALLACE", "PENCE"}


def test_name_lists_are_not_labels():
    assert _name_list("Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink and others")
    assert not _name_list("Well, look, the question really should be about the economy.")


def test_kicker_is_not_a_speaker(extract):
    quotes, _ = extract("BOOM: Senator Fires Back At His Critics Over The Budget Vote.\n\nThe senator spoke on Monday.")
    assert not any(q.cue is not None and q.cue.text == ":" for q in quotes)


def test_poll_share_is_the_source(extract):
    quotes, _ = extract("About 4 in 10 say they want the next president to have more liberal policies.")
    assert _by_cue(quotes, "say").speaker.text == "About 4 in 10"


def test_light_verb_cue_runs_to_the_preposition(extract):
    quotes, _ = extract("The president made no mention of the scandal in his speech.")
    q = _by_cue(quotes, "made no mention of")
    assert q.content.text.startswith("the scandal")


def test_rules_alone_keep_the_span_conventions(extract):
    rules = QuoteExtractor({"attribution": {"cue_model": "rules"}})
    quotes, _ = extract("Trump, speaking to a veterans group in Virginia, said the military was depleted.",
                        extractor=rules)
    assert _by_cue(quotes, "said").speaker.text == "Trump"
