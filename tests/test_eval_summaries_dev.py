"""Summaries of the real dev articles pass the editor's checks (slow: embeds ~140 articles).

    pytest -m "slow and devdata" tests/test_eval_summaries_dev.py
"""

from __future__ import annotations

import pytest


@pytest.mark.slow
@pytest.mark.devdata
@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_no_repeats_fragments_chrome_or_unfaithful_sentences(devdata, split):
    import eval_summaries

    from saaransh.factory import build_engine
    from saaransh.settings import Settings

    report = eval_summaries.evaluate(split, build_engine(Settings(backend="extractive")), False)
    for checks in (report["checks"], report["events"]["checks"]):
        assert checks["summaries"] > 0
        assert (checks["repeats"], checks["mid"], checks["chrome"], checks["unfaithful"]) == (
            0, 0, 0, 0)
    assert report["events"]["missing"] == []  # sources in a language: a summary in it
