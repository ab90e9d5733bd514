"""Token accuracy of `tag_tokens` on real labelled romanised Hindi-English data.

    PYTHONPATH=service python benchmarks/eval_tagging.py                 # hinglid validation
    PYTHONPATH=service python benchmarks/eval_tagging.py --old-src /work/main/service
    PYTHONPATH=service python benchmarks/eval_tagging.py --dev DEV.tsv --test TEST.tsv   # ICON

Default data: L3Cube-HingLID validation (benchmarks/devdata.hinglid_path(); CC BY-NC-SA 4.0,
evaluation only). It is scored whole and in its two fixed halves (even- and odd-numbered
sentences); nothing shipped was chosen on either. `--dev/--test` take ICON-style CoNLL files
("token TAG", TAG in hi/en/univ). Scored tokens: gold hi/en tokens that contain a letter.
Printed: accuracy, confusion both ways, the most confused words, tokens/s end to end (real
chat text: cold caches, many unlisted words), and baselines (all-Hindi; an English word list
alone; the tagger of another source tree via --old-src). Then the licence-clean held-out set:
every 4th Hinglish-TOP pair of scripts/tagger_data/hinglish-top-train.tsv, labelled by
alignment (align.py; latent words not scored), which the shipped weights' L2 choice and the
printed held-out figure never trained on.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import wordfreq
from devdata import hinglid_path

Sentence = list[tuple[str, str]]
# The README of hinglid lists these Hindi chat abbreviations as often labelled EN: reported
# separately, never used by the tagger.
LABEL_QUIRKS = frozenset({"h", "kr", "pr", "sb", "jb", "bs", "bht"})


def read_sentences(paths: list[str]) -> list[Sentence]:
    """Token + tag lines (tab or space separated), blank line between sentences; tags lowercased."""
    sentences: list[Sentence] = [[]]
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if sentences[-1]:
                    sentences.append([])
                continue
            token, tag = line.rsplit(maxsplit=1)
            sentences[-1].append((token, tag.lower()))
        if sentences[-1]:
            sentences.append([])
    return [s for s in sentences if s]


def _scored(gold: str, token: str) -> bool:
    return gold in ("en", "hi") and any(ch.isalpha() for ch in token)


def score(sentences: list[Sentence], predictions: list[list[str]]) -> dict:
    """Accuracy, confusion counts and most confused words of predicted hi/en tags."""
    right = total = 0
    confusion: Counter[str] = Counter()
    words: Counter[tuple[str, str]] = Counter()
    quirk_errors = 0
    for sentence, predicted in zip(sentences, predictions, strict=True):
        for (token, gold), tag in zip(sentence, predicted, strict=True):
            if not _scored(gold, token):
                continue
            total += 1
            if tag == gold:
                right += 1
                continue
            confusion[f"{gold.upper()}->{tag}"] += 1
            words[(token.lower(), gold.upper())] += 1
            quirk_errors += token.lower() in LABEL_QUIRKS
    return {"accuracy": right / total, "tokens": total, "confusion": dict(confusion),
            "quirk_errors": quirk_errors, "top_confused": words.most_common(20)}


def error_category(token: str, gold: str) -> str:
    """Why a wrong tag is wrong, by what the shipped lexicon knows of the word.

    README quirks; other vowel-less chat spellings ("kch", "mt"); words both lexicons list
    (homographs: "or", "bat", "sir"); words only the other side's lexicon lists (for gold EN:
    Hindi-only, often Urdu words and names; for gold HI: English-only, often names); unlisted.
    """
    from saaransh.language.evidence import letters_of, word_evidence
    from saaransh.language.tables import MISSING_LOG_FREQ

    letters = letters_of(token)
    if letters in LABEL_QUIRKS:
        return "README quirk"
    if not any(ch in "aeiou" for ch in letters):
        return "vowel-less"
    row = word_evidence(letters)
    en, hi = row.log_en > MISSING_LOG_FREQ, row.log_hi > MISSING_LOG_FREQ
    if en and hi:
        return "both lexicons"
    if en or hi:
        return f"{'English' if en else 'Hindi'} lexicon only"
    return "unlisted"


def error_categories(sentences: list[Sentence], predictions: list[list[str]]) -> None:
    """Print the errors by direction and category, with each category's most frequent words."""
    cats: dict[tuple[str, str], Counter[str]] = {}
    for sentence, predicted in zip(sentences, predictions, strict=True):
        for (token, gold), tag in zip(sentence, predicted, strict=True):
            if _scored(gold, token) and tag != gold:
                key = (f"{gold.upper()}->{tag}", error_category(token, gold))
                cats.setdefault(key, Counter())[token.lower()] += 1
    print("  errors by category (direction, category: count, types; top words):")
    for (direction, cat), words in sorted(cats.items(), key=lambda kv: -kv[1].total()):
        top = ", ".join(f"{w} {c}" for w, c in words.most_common(8))
        print(f"    {direction} {cat}: {words.total()}, {len(words)} types; {top}")


def tag_all(sentences: list[Sentence]) -> tuple[list[list[str]], float]:
    """Predictions of this tree's tagger and its tokens/s (one process, warm after the first)."""
    from saaransh.language import tag_tokens

    tag_tokens(["warm", "up"])
    start = time.perf_counter()
    predictions = [tag_tokens([tok for tok, _ in s]) for s in sentences]
    elapsed = time.perf_counter() - start
    return predictions, sum(len(s) for s in sentences) / elapsed


def old_tagger(sentences: list[Sentence], src: str) -> list[list[str]]:
    """Predictions of the tagger in another source tree (e.g. main), in a subprocess."""
    code = ("import json,sys\nfrom saaransh.language import tag_tokens\n"
            "print(json.dumps([tag_tokens(s) for s in json.load(sys.stdin)]))")
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(
        [[tok for tok, _ in s] for s in sentences]), capture_output=True, text=True, check=True,
        env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin"})
    return json.loads(out.stdout)


def word_list_baseline(sentences: list[Sentence], top_n: int) -> list[list[str]]:
    english = set(wordfreq.top_n_list("en", top_n))
    return [["en" if tok.lower() in english else "hi" for tok, _ in s] for s in sentences]


def report(name: str, sentences: list[Sentence], predictions: list[list[str]]) -> dict:
    result = score(sentences, predictions)
    print(f"  {name:<34} acc {result['accuracy']:.4f}  {result['confusion']}  "
          f"(errors on README label quirks {'/'.join(sorted(LABEL_QUIRKS))}: "
          f"{result['quirk_errors']})")
    return result


def evaluate(label: str, sentences: list[Sentence], old_src: str | None) -> None:
    predictions, speed = tag_all(sentences)
    n = sum(_scored(g, t) for s in sentences for t, g in s)
    print(f"{label}: {len(sentences)} sentences, {n} scored tokens; tagger {speed:,.0f} tokens/s")
    parts = {"whole": range(len(sentences)), "even half": range(0, len(sentences), 2),
             "odd half": range(1, len(sentences), 2)}
    for part, idx in parts.items():
        report(f"tagger, {part}", [sentences[i] for i in idx], [predictions[i] for i in idx])
    report("baseline: everything hi", sentences, [["hi"] * len(s) for s in sentences])
    report("baseline: wordfreq top-10k English", sentences, word_list_baseline(sentences, 10_000))
    if old_src:
        old = old_tagger(sentences, old_src)
        for part, idx in parts.items():
            report(f"old tagger ({old_src}), {part}", [sentences[i] for i in idx],
                   [old[i] for i in idx])
    top = score(sentences, predictions)["top_confused"]
    print("  most confused (word, gold): " + ", ".join(f"{w}/{g} {c}" for (w, g), c in top))
    error_categories(sentences, predictions)


def top_held_out() -> list[Sentence]:
    """The held-out Hinglish-TOP pairs, labelled by alignment (None labels dropped to "?")."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import build_tagger

    pairs = build_tagger.read_pairs(build_tagger.PAIRS)
    held = pairs[build_tagger.HELD_OUT_EVERY - 1::build_tagger.HELD_OUT_EVERY]
    return [[(tok, label or "?") for tok, label in s] for s in held]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", nargs="+", help="ICON-style CoNLL files (dev split)")
    parser.add_argument("--test", nargs="+", help="ICON-style CoNLL files (held-out split)")
    parser.add_argument("--old-src", help="source root of another tree to compare, e.g. main")
    args = parser.parse_args()
    print("reproduce: PYTHONPATH=service python benchmarks/eval_tagging.py "
          + " ".join(sys.argv[1:]))
    if args.dev or args.test:
        for label, paths in (("ICON dev", args.dev), ("ICON test", args.test)):
            if paths:
                evaluate(label, read_sentences(paths), args.old_src)
        return
    path = hinglid_path()
    if not path.is_file():
        raise SystemExit(f"{path} not found: the dev data lives in ../shared/dev")
    evaluate("hinglid validation", read_sentences([str(path)]), args.old_src)
    held = top_held_out()
    predictions, _ = tag_all(held)
    print(f"licence-clean held-out: {len(held)} Hinglish-TOP pairs, labels by alignment")
    report("tagger", held, predictions)
    if args.old_src:
        report(f"old tagger ({args.old_src})", held, old_tagger(held, args.old_src))


if __name__ == "__main__":
    main()
