"""Which units of an article go into its extract: lede first, then what the story is about.

Relevance mixes three signals, each rescaled to 0-1 within the article because e5 cosines
are compressed (0.75-0.9 for any two sentences of one story):
- headline: likeness to the title and the standfirst (embedding and shared content words,
  the headline's main clause and the article's rarer words weighing more), which say what
  the story is;
- centrality: likeness to the article as a whole;
- lead: news puts the point first.
Units that lean on each other are read as one: a chain is a unit that stands on its own
followed by the units that lean on it in turn ("... दौरा करेंगे।" + "इसे लेकर तैयारी शुरू हो गई
है।"), and the candidates are the chains' prefixes, so a leaning unit is never taken without
what it leans on, and relevance and repeats are judged on what would be read together. The
lede chain always opens the extract; then the best candidates are taken while they fit the
word budget and repeat nothing taken from another chain (redundancy.py).
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
HEADLINE_WEIGHT = 0.45
MAIN_CLAUSE_WEIGHT = 2.0
MAIN_CLAUSE_MIN_WORDS = 4
CENTRALITY_WEIGHT = 0.25
LEAD_WEIGHT = 0.3
LEAD_DECAY = 3.0  # chains: the lead bonus halves about every two chains
_CLAUSE_END = re.compile(r"\s*(?:[,;|:]|\s[-–—]\s)\s*")


@dataclass(frozen=True)
class Candidate:
    """The first `length` units of chain `chain`: its sentence ids, text and vector."""

    chain: int
    length: int
    ids: tuple[int, ...]
    text: str
    words: int
    vector: np.ndarray
    relevance: float = 0.0


def chains(units: Sequence[Unit]) -> list[list[int]]:
    """Indices of `units` grouped into chains; a unit leaning on a sentence outside the
    previous unit of its chain (left out of the candidates) belongs to none."""
    out: list[list[int]] = []
    for i, unit in enumerate(units):
        if unit.needs is None:
            out.append([i])
        elif out and units[out[-1][-1]].ids[-1] == unit.needs and out[-1][-1] == i - 1:
            out[-1].append(i)
    return out


def candidates(
    units: Sequence[Unit], texts: Sequence[str], vectors: np.ndarray, budget: int
) -> list[Candidate]:
    """Every prefix of every chain that fits `budget` (and each chain's head, which may not):
    its vector is the normalised sum of its units' vectors."""
    out = []
    for c, chain in enumerate(chains(units)):
        for length in range(1, len(chain) + 1):
            members = chain[:length]
            text = " ".join(texts[i] for i in members)
            words = len(text.split())
            if length > 1 and words > budget:
                break
            vector = vectors[members].sum(axis=0)
            vector = vector / max(float(np.linalg.norm(vector)), 1e-12)
            ids = tuple(j for i in members for j in units[i].ids)
            out.append(Candidate(c, length, ids, text, words, vector))
    return out


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
    texts: Sequence[str],
    vectors: np.ndarray,
    guide_texts: Sequence[str],
    guide_vecs: np.ndarray,
    positions: Sequence[int],
    centre: np.ndarray,
) -> np.ndarray:
    """Relevance of each candidate (`texts`, rows of `vectors`) at chain `positions`, given
    `guides()` with their vectors and the article's centre (mean of its unit vectors)."""
    central = _rescale(vectors @ (centre / max(float(np.linalg.norm(centre)), 1e-12)))
    lead = np.array([math.exp(-k / LEAD_DECAY) for k in positions])
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


def pick(cands: Sequence[Candidate], budget: int) -> list[int]:
    """Sentence ids of the extract, in article order. The lede chain goes first, as the most
    relevant of its prefixes that fits (its head alone if none does: never empty); then the
    most relevant candidate that fits, repeats nothing from another chain, and is a new
    chain or a longer prefix of one already taken."""
    if not cands:
        return []
    lede = [c for c in cands if c.chain == cands[0].chain]
    fitting = [c for c in lede if c.words <= budget] or lede[:1]
    taken = {cands[0].chain: max(fitting, key=lambda c: c.relevance)}
    order = sorted(cands, key=lambda c: -c.relevance)
    while True:
        used = sum(c.words for c in taken.values())
        for c in order:
            current = taken.get(c.chain)
            if current is not None and c.length <= current.length:
                continue
            if used - (current.words if current else 0) + c.words > budget:
                continue
            if any(is_duplicate(c.text, t.text, c.vector, t.vector)
                   for chain, t in taken.items() if chain != c.chain):  # fmt: skip
                continue
            taken[c.chain] = c
            break
        else:
            return sorted(i for c in taken.values() for i in c.ids)
