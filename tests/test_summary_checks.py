"""The editor's checks of benchmarks/summary_checks.py catch what they claim to catch."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import summary_checks as checks  # noqa: E402

RAW = (
    "मास्को, 18 नवंबर . India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं.\n"
    "विदेश मंत्री ने पुतिन को आगामी वार्षिक भारत-रूस शिखर सम्मेलन की तैयारियों से अवगत कराया.\n"
    "विज्ञापन\n"
    "उन्होंने कहा कि उन्हें आगामी वार्षिक भारत-रूस शिखर सम्मेलन की तैयारियों से अवगत कराया गया.\n"
    "जयशंकर रूस की तीन दिन\n"
    "की यात्रा पर राजधानी मास्को पहुंचे।\n"
    "दोनों देशों ने व्यापार, ऊर्जा और रक्षा सहयोग बढ़ाने पर सहमति जताई।"
)


def test_a_clean_summary_passes() -> None:
    sentences = ["India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं.",
                 "दोनों देशों ने व्यापार, ऊर्जा और रक्षा सहयोग बढ़ाने पर सहमति जताई।"]  # fmt: skip
    verdict = checks.check_summary(" ".join(sentences), sentences, [RAW], "hi")
    assert (verdict.repeats, verdict.mid_starts, verdict.chrome, verdict.unfaithful) == (
        [], [], [], [])


def test_a_repeat_is_caught() -> None:
    sentences = [RAW.split("\n")[1], RAW.split("\n")[3]]
    assert checks.check_summary(" ".join(sentences), sentences, [RAW], "hi").repeats


@pytest.mark.parametrize(
    "sentence",
    [
        "की यात्रा पर राजधानी मास्को पहुंचे।",  # opens on a postposition after a hard wrap
        "विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं.",  # cut out of the middle of a sentence
    ],
)
def test_a_mid_sentence_start_is_caught(sentence: str) -> None:
    assert checks.starts_mid_sentence(sentence, RAW)


@pytest.mark.parametrize(
    "sentence",
    [
        "मास्को, 18 नवंबर . India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं.",
        "Jaishankar meets Russian FM Lavrov: केंद्रीय विदेश मंत्री ने मुलाकात की.",
        "New Delhi: The minister arrived on Tuesday.",
        "विज्ञापन दोनों देशों ने सहमति जताई।",
        "Rescue operations underway. pic.twitter.com/abc",
    ],
)
def test_chrome_is_caught(sentence: str) -> None:
    assert checks.has_chrome(sentence)


def test_an_unfaithful_sentence_is_caught() -> None:
    rewritten = ["दोनों देशों ने व्यापार और रक्षा सहयोग बढ़ाने पर सहमति जताई।"]  # a word dropped
    assert checks.check_summary(rewritten[0], rewritten, [RAW], "hi").unfaithful
    glued = ["India के विदेश मंत्री एस जयशंकर रूस पहुंचे हुए हैं."]
    assert checks.check_summary("something else", glued, [RAW], "hi").unfaithful
