"""spaCy component ``khabar_actors`` (placeholder until the knowledge base lands)."""

from spacy.language import Language


@Language.factory("khabar_actors", default_config={"extra_kb": []})
def make_actor_matcher(nlp, name, extra_kb):
    def component(doc):
        return doc
    return component
