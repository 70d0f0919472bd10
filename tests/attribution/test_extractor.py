"""Direct and indirect quotes, speakers, coreference and source chains on small real-style texts."""

import pytest

from khabar.attribution import QuoteExtractor, default_resolve_span
from khabar.errors import KhabarError
from khabar.model import ActorRef, stable_id


def _one(quotes, fragment):
    hits = [q for q in quotes if fragment in q.content.text]
    assert hits, f"no quote contains {fragment!r}: {[q.content.text for q in quotes]}"
    return hits[0]


def test_direct_quote_cue_after(extract):
    text = '"We will not leave the city under any conditions," said Ahmed Hassan, a local commander.'
    quotes, ctx = extract(text)
    q = _one(quotes, "We will not leave")
    assert q.kind == "direct" and q.cue.text == "said"
    assert q.content.text.startswith('"') and q.content.text.endswith('"')
    assert q.speaker is not None and "Hassan" in q.speaker.text
    assert q.id == stable_id("q", ctx.article.id, q.content.start, q.content.end)


def test_direct_quote_cue_before_with_colon(extract):
    quotes, _ = extract("The spokesman said: “The corridor will open on Monday for all civilians.”")
    q = _one(quotes, "corridor will open")
    assert q.kind == "direct" and q.cue.text == "said" and q.speaker.text == "The spokesman"


def test_interrupted_quote_shares_the_cue(extract):
    text = "“The talks failed,” said Sergei Lavrov. “We will try again next week.”"
    quotes, _ = extract(text)
    first, second = _one(quotes, "talks failed"), _one(quotes, "try again")
    assert first.cue == second.cue and second.speaker.text == first.speaker.text


def test_a_later_quotation_past_another_sentence_does_not_share_the_cue(extract):
    # Scraped text without paragraph breaks: a witness is introduced between the two
    # quotations, so the second is not the first speaker's ("A," said X. "B.").
    text = ('"The bomber blew himself up inside the hall" said Omar Haddad. A witness named Ali '
            'who was wounded described the moment of the blast. "As the guests were dancing I '
            'saw a man in a thick black jacket."')
    quotes, _ = extract(text)
    assert _one(quotes, "blew himself up").speaker.text == "Omar Haddad"
    assert not [q for q in quotes if "guests were dancing" in q.content.text and q.speaker is not None
                and "Haddad" in q.speaker.text]


def test_floating_quote_goes_to_the_previous_speaker(extract):
    text = ('Maria Lopez, the mayor, said: "The water is gone and the roads are closed."\n\n'
            '"We need help from every neighbour we have."')
    quotes, _ = extract(text)
    q = _one(quotes, "every neighbour")
    assert q.kind == "direct" and q.speaker is not None and "Lopez" in (q.speaker.name or "")


def test_indirect_that_clause_and_pronoun_coreference(extract):
    text = ("John Kerry, secretary of state, said that the ceasefire would hold. "
            "He added that aid convoys would enter the city on Friday.")
    quotes, _ = extract(text)
    first = _one(quotes, "ceasefire would hold")
    assert first.kind == "indirect" and first.content.text.startswith("that")
    assert first.speaker.role == "secretary" and first.speaker.organisation == "state"
    second = _one(quotes, "aid convoys")
    assert second.speaker.text == "He" and second.speaker.name == first.speaker.name


def test_cue_after_parataxis(extract):
    quotes, _ = extract("The army will withdraw from the town by Sunday, the minister said.")
    q = _one(quotes, "army will withdraw")
    assert q.cue.text == "said" and q.speaker.text == "the minister"


def test_according_to(extract):
    quotes, _ = extract("According to the Syrian Observatory, twelve civilians were killed in the raid.")
    q = _one(quotes, "twelve civilians")
    assert q.kind == "according_to" and q.cue.text == "According to"
    assert "Observatory" in q.speaker.text


def test_passive_report_has_no_source(extract):
    quotes, _ = extract("It was reported that the bridge had been destroyed overnight.")
    q = _one(quotes, "bridge had been destroyed")
    assert q.kind == "reported" and q.speaker is None


def test_role_before_name(extract):
    quotes, _ = extract("The UN legal adviser Jane Smith questioned the legality of the blockade.")
    q = _one(quotes, "legality of the blockade")
    assert q.speaker.name == "Jane Smith" and q.speaker.role == "legal adviser"
    assert q.speaker.organisation == "UN"


def test_chain_through_cited_outlet(extract):
    text = ("Al Jazeera reported that talks were held in Doha.\n\n"
            "A rebel official said that the talks would continue. "
            "The newspaper reported that both sides agreed to a truce.")
    quotes, _ = extract(text, publisher="Example Brief")
    official = _one(quotes, "talks would continue")
    assert [v.name for v in official.via] == ["Example Brief", "Al Jazeera"]
    assert official.speaker.role == "rebel official"
    paper = _one(quotes, "both sides agreed")
    assert paper.speaker.name == "Al Jazeera" and [v.name for v in paper.via] == ["Example Brief"]


def test_injected_resolver_is_used(extract):
    calls = []

    def resolve(ctx, start, end):
        calls.append((start, end))
        hit = default_resolve_span(ctx, start, end)
        return hit.model_copy(update={"id": "Q123", "resolved": True}) if hit else None

    quotes, _ = extract("Sergei Lavrov said that Moscow supports the truce.",
                        extractor=QuoteExtractor({}, resolve_span=resolve))
    q = _one(quotes, "supports the truce")
    assert calls and q.speaker.id == "Q123" and q.speaker.text == "Sergei Lavrov"


def test_no_quotes_in_plain_narrative(extract):
    quotes, _ = extract("Heavy rain fell over the valley. The river rose by two metres.")
    assert quotes == []


def test_speaker_refs_are_actor_refs(extract):
    quotes, _ = extract("Officials told reporters that the border was closed.")
    assert all(isinstance(q.speaker, ActorRef) for q in quotes if q.speaker is not None)


def test_nested_reports_kept_only_through_outlets_by_default(extract):
    text = "Senator Jane Smith said that the governor had denied the charges."
    default, _ = extract(text)
    assert [q.cue.text for q in default] == ["said"]
    every, _ = extract(text, extractor=QuoteExtractor({"attribution": {"nested": "all"}}))
    inner = _one([q for q in every if q.cue.text == "had denied"], "the charges")
    assert len(inner.via) == 1 and "Jane Smith" in inner.via[0].name


def test_bad_nested_mode_is_refused():
    with pytest.raises(KhabarError):
        QuoteExtractor({"attribution": {"nested": "some"}})


def test_a_writer_is_a_speaker_not_an_outlet_scoping_later_quotes(pipeline):
    from khabar.model import Article, article_id

    text = ('"These are hard days for our party," Jane Doe wrote in an essay last week.\n\n'
            'Later, the senator told reporters that he would vote against the bill.')
    result = pipeline.analyze(Article(id=article_id(text), text=text))
    senator = next(q for q in result.quotes if q.cue and q.cue.text.startswith("told"))
    assert not [v for v in senator.via if "Doe" in v.text]
    essay = next(q for q in result.quotes if q.speaker and "Doe" in q.speaker.text)
    assert essay.kind == "direct"
