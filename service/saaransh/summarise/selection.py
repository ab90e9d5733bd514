"""Which units of an article go into its extract: lede first, then what the story is about.

Relevance mixes three signals, each rescaled to 0-1 within the article because e5 cosines
are compressed (0.75-0.9 for any two sentences of one story):
- headline: likeness to the title and the standfirst (embedding and shared content words,
  the headline's main clause and the article's rarer words weighing more), which say what
  the story is;
- centrality: likeness to the article as a whole;
- lead: news puts the point first.
The lede (the first unit that stands on its own) always opens the extract. The rest are
taken best first while they fit the word budget, unless they repeat a unit already taken
(redundancy.py) or lean on a sentence that was not taken (discourse.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..text.prefixes import furniture_end
from .discourse import Unit
from .redundancy import content_words, is_duplicate

# Headline over lead over centrality: the average sentence of a wire story is background.
HEADLINE_WEIGHT = 0.4
MAIN_CLAUSE_WEIGHT = 2.0
MAIN_CLAUSE_MIN_WORDS = 4
CENTRALITY_WEIGHT = 0.2
LEAD_WEIGHT = 0.4
LEAD_DECAY = 3.0  # units: the lead bonus halves about every two units
_CLAUSE_END = re.compile(r"\s*(?:[,;|:]|\s[-–—]\s)\s*")


@dataclass(frozen=True)
class Scored:
    """A candidate unit with its text, words, (normalised) embedding and relevance."""

    unit: Unit
    text: str
    words: int
    vector: np.ndarray
    relevance: float = 0.0


def guides(title: str | None, standfirst: str | None) -> list[str]:
    """What says what the story is: the headline's main clause (the news; what follows its
    first comma or dash is background, a kicker before it is a label) and the standfirst."""
    out: list[str] = []
    if title:
        title = title[furniture_end(title) :]
        clauses = _CLAUSE_END.split(title)
        # "Farewell, Ratan Tata: ..." opens on a word, not a clause: then the whole headline.
        main = clauses[0] if len(clauses[0].split()) >= MAIN_CLAUSE_MIN_WORDS else title
        out.append(main)
    if standfirst:
        out.append(standfirst[furniture_end(standfirst) :])
    return [g for g in out if g.strip()]


def relevance(
    texts: Sequence[str], vectors: np.ndarray, guide_texts: Sequence[str], guide_vecs: np.ndarray
) -> np.ndarray:
    """Relevance of each unit (rows of `vectors`), guided by `guides()` and their vectors."""
    n = len(texts)
    centre = vectors.mean(axis=0)
    central = _rescale(vectors @ (centre / max(float(np.linalg.norm(centre)), 1e-12)))
    lead = np.array([math.exp(-k / LEAD_DECAY) for k in range(n)])
    if not len(guide_texts):
        # No headline: what it would have said is shared between the other two signals.
        share = CENTRALITY_WEIGHT + LEAD_WEIGHT
        return (CENTRALITY_WEIGHT * central + LEAD_WEIGHT * lead) / share
    headline = 0.5 * _rescale((vectors @ guide_vecs.T).max(axis=1)) + 0.5 * _rescale(
        _weighted_recall(texts, guide_texts)
    )
    return HEADLINE_WEIGHT * headline + CENTRALITY_WEIGHT * central + LEAD_WEIGHT * lead


def _weighted_recall(texts: Sequence[str], guide_texts: Sequence[str]) -> np.ndarray:
    """Share of the headline's words each text has, a word weighing more when it is in the
    main clause and when few sentences of the article use it (a rare word is the news)."""
    words = [content_words(t) for t in texts]
    weight: dict[str, float] = {}
    for rank, guide in enumerate(guide_texts):
        for w in content_words(guide):
            weight[w] = max(weight.get(w, 0.0), MAIN_CLAUSE_WEIGHT if rank == 0 else 1.0)
    for w in weight:
        df = sum(w in ws for ws in words)
        weight[w] *= math.log(1.0 + len(texts) / (1.0 + df))
    total = sum(weight.values()) or 1.0
    return np.array([sum(weight.get(w, 0.0) for w in ws) / total for ws in words])


def _rescale(x: np.ndarray) -> np.ndarray:
    span = float(x.max() - x.min()) if len(x) else 0.0
    return (x - x.min()) / span if span > 1e-9 else np.zeros_like(x, dtype=float)


def pick(candidates: Sequence[Scored], budget: int) -> list[int]:
    """Indices of the chosen candidates, in article order. The lede (the first candidate
    that leans on nothing) is always taken, even over budget: an extract is never empty."""
    lede = next((i for i, c in enumerate(candidates) if c.unit.needs is None), None)
    if lede is None:
        return []
    chosen = [lede]
    taken = set(candidates[lede].unit.ids)
    used = candidates[lede].words
    # Units that lean on each other are read as one: each is worth the best of its chain, so
    # taking one opens the way for the rest ("... दौरा करेंगे। इसे लेकर तैयारी शुरू हो गई है।").
    worth = [c.relevance for c in candidates]
    for step in (range(1, len(candidates)), range(len(candidates) - 2, -1, -1)):
        for i in step:
            j = i - 1 if step.step == 1 else i + 1
            if _leans(candidates, min(i, j)):
                worth[i] = max(worth[i], worth[j])
    order = sorted(range(len(candidates)), key=lambda i: -worth[i])
    rejected: set[int] = set()
    while True:
        for i in order:
            c = candidates[i]
            if i in chosen or i in rejected or used + c.words > budget:
                continue
            if c.unit.needs is not None and c.unit.needs not in taken:
                continue  # may become possible once the sentence it leans on is taken
            if any(repeats(c, candidates[j]) for j in chosen):
                rejected.add(i)
                continue
            chosen.append(i)
            taken.update(c.unit.ids)
            used += c.words
            break
        else:
            return sorted(chosen, key=lambda i: candidates[i].unit.ids[0])


def _leans(candidates: Sequence[Scored], i: int) -> bool:
    """Whether candidate i + 1 leans on candidate i."""
    return candidates[i + 1].unit.needs == candidates[i].unit.ids[-1]


def repeats(a: Scored, b: Scored) -> bool:
    """Whether two units say the same thing (the fitted lexical + embedding rule)."""
    return is_duplicate(a.text, b.text, a.vector, b.vector)
