"""Reports by the same speaker that the parse nests one inside the other.

"X responded Friday, saying that ...", "X will call a meeting to discuss ...": the second
cue hangs on the first (an adverbial clause or a conjunct) and so falls inside the first's
content, where the nested-report filter would drop it. PolNeAR annotates two attributions
there (held-aside train: 82 of the nested reports dropped were such gold cues). When the
inner cue shares its source token with the outer report, the outer content is cut before the
inner report, which is then kept (round 5: held-aside and dev cue and attribution +0.05).
"""

from __future__ import annotations

import re

from khabar.attribution.clauses import Candidate, doc_text, trim

# What may be left between the outer content and the inner report ("..., and", "but").
_TAIL = re.compile(r"[\s,;:\-–—]*(?:\b(?:and|but|while|as|then)\b[\s,]*)*$")


def split_shared(cands: list[Candidate], chain_kinds: set[str]) -> None:
    """Cut, in place, an outer content before an inner report by the same source token."""
    for inner in cands:
        tok = inner.cue_token
        if inner.cue is None or inner.source_head is None or tok is None or tok.dep_ not in ("conj", "advcl"):
            continue
        for outer in cands:
            if (outer is inner or outer.kind in chain_kinds or outer.source_head is None or outer.cue is None
                    or outer.source_head.i != inner.source_head.i or outer.cue[0] >= outer.content[0]
                    or not outer.content[0] <= inner.cue[0] < outer.content[1]):
                continue
            starts = [inner.cue[0], inner.content[0]]
            if inner.source and inner.source[0] > outer.content[0]:
                starts.append(inner.source[0])
            start = min(starts)
            if start <= outer.content[0]:
                continue
            text = doc_text(tok.doc)
            end = outer.content[0] + len(_TAIL.sub("", text[outer.content[0]:start]))
            if end - outer.content[0] >= 2:
                outer.content = trim(text, outer.content[0], end)
