"""Article and event summaries on real news, read as an editor would read them.

Prints, per set (the five seeds, the dev tune and held-out splits, all dev articles):
- ROUGE-1/2/L F against the outlets' own standfirsts (11 dev articles; the standfirst was
  removed from the text and is never given to the summariser), for Saaransh and lead-3;
- over every summary, the rates of repeated sentence pairs, sentences that start
  mid-sentence, page chrome and sentences not found in the article (summary_checks.py);
- how often the first sentence is the article's lede (its first sentence of 6+ words in
  the summary's language), and how many articles get a summary in each language;
- the same checks on event summaries of the gold events, and whether an event with
  sources in both languages gets both summaries.

    PYTHONPATH=service .venv/bin/python benchmarks/eval_summaries.py [--sets seeds,tune,heldout]
        [--show] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import devdata
from summary_checks import Verdict, check_summary

from saaransh.article import RawDocument
from saaransh.eval.rouge import corpus_rouge
from saaransh.events.summary import summarise_event
from saaransh.factory import build_engine
from saaransh.jobs.readers import read_paths
from saaransh.settings import Settings
from saaransh.store.models import ArticleRow

ROOT = Path(__file__).resolve().parents[1]
DEVANAGARI = re.compile(r"[\u0900-\u097F]")
LATIN = re.compile(r"[A-Za-z]")
LEDE_MIN_WORDS = 6


def script_lang(text: str) -> str:
    return "hi" if len(DEVANAGARI.findall(text)) >= len(LATIN.findall(text)) else "en"


def load(name: str) -> list[tuple[RawDocument, dict]]:
    """(document for the summariser, evaluation-only facts) for one set."""
    if name == "seeds":
        docs = [d for d in read_paths([ROOT / "seeds"]) if isinstance(d, RawDocument)]
        return [(d, {"raw": d.body, "event": "seeds"}) for d in docs]
    out = []
    for r in devdata.load_news(name):  # type: ignore[arg-type]
        doc = RawDocument(id=r["id"], body=r["text"], title=r.get("title"),
                          published_at=r.get("published"), source="news-dev")  # fmt: skip
        # The standfirst stays here, on the evaluation side only.
        out.append((doc, {"raw": r["text"], "event": devdata.gold_event(r),
                          "standfirst": r.get("standfirst")}))  # fmt: skip
    return out


class Tally:
    def __init__(self) -> None:
        self.summaries = self.sentences = self.pairs = self.lede_first = 0
        self.repeats: list = []
        self.mid: list = []
        self.chrome: list = []
        self.unfaithful: list = []

    def add(self, doc_id: str, v: Verdict) -> None:
        self.summaries += 1
        self.sentences += v.sentences
        self.pairs += v.pairs
        for name in ("repeats", "mid", "chrome", "unfaithful"):
            found = getattr(v, {"mid": "mid_starts"}.get(name, name))
            getattr(self, name).extend((doc_id, x) for x in found)

    def lines(self, label: str, show: bool) -> list[str]:
        s = max(self.sentences, 1)
        out = [
            f"  {label}: {self.summaries} summaries, {self.sentences} sentences",
            f"    repeated pairs   {len(self.repeats):3d} / {self.pairs} pairs",
            f"    mid-sentence     {len(self.mid):3d} ({len(self.mid) / s:.1%} of sentences)",
            f"    page chrome      {len(self.chrome):3d} ({len(self.chrome) / s:.1%})",
            f"    not in article   {len(self.unfaithful):3d} ({len(self.unfaithful) / s:.1%})",
            f"    lede first       {self.lede_first:3d} / {self.summaries}",
        ]
        if show:
            for name in ("repeats", "mid", "chrome", "unfaithful"):
                out += [f"      {name}: {i}: {str(x)[:160]}" for i, x in getattr(self, name)]
        return out


def lede_index(sentences: list[str], lang: str) -> int | None:
    for i, s in enumerate(sentences):
        if len(s.split()) >= LEDE_MIN_WORDS and script_lang(s) == lang:
            return i
    return None


def evaluate(name: str, engine, show: bool) -> dict:
    items = load(name)
    start = time.perf_counter()
    analysed = []
    for doc, facts in items:
        try:
            analysed.append((doc, facts, engine.analyse(doc)))
        except Exception as exc:  # noqa: BLE001 - reported, then the rest goes on
            print(f"  {doc.id}: not analysed: {type(exc).__name__}: {exc}")
    items = [(doc, facts) for doc, facts, _ in analysed]
    articles = [article for _, _, article in analysed]
    results = engine.summarise_articles(articles, ["en", "hi"])
    elapsed = time.perf_counter() - start
    tally, per_lang = Tally(), defaultdict(int)
    both = mixed = 0
    rouge_pairs: dict[str, list] = {"saaransh": [], "lead-3": []}
    rows = []
    for (doc, facts), article, result in zip(items, articles, results, strict=True):
        if isinstance(result, Exception):
            print(f"  {doc.id}: {type(result).__name__}: {result}", file=sys.stderr)
            continue
        record = result.to_record()
        langs = [lang for lang, s in record["summaries"].items() if s]
        per_lang["+".join(langs) or "none"] += 1
        both += len(langs) == 2
        mixed += bool(record["language"].get("code_mixed"))
        for lang in langs:
            summary = record["summaries"][lang]
            units = [article.sentences[i] for i in summary.get("source_sentence_ids") or []]
            verdict = check_summary(summary["text"], units, [facts["raw"]], lang)
            tally.add(doc.id, verdict)
            tally.lede_first += bool(units) and units[0] == _at(article.sentences,
                                                                 lede_index(article.sentences,
                                                                            lang))  # fmt: skip
        if facts.get("standfirst"):
            lang = script_lang(facts["standfirst"])
            ours = (record["summaries"].get(lang) or {}).get("text", "")
            rouge_pairs["saaransh"].append((ours, facts["standfirst"], lang))
            rouge_pairs["lead-3"].append((" ".join(article.sentences[:3]), facts["standfirst"],
                                          lang))  # fmt: skip
        rows.append({"id": doc.id, "summaries": record["summaries"],
                     "language": record["language"]})  # fmt: skip
    # Later sets reuse the embeddings cached by earlier ones: their speed is not comparable.
    print(f"\n== {name}: {len(items)} articles, analysed + summarised in {elapsed:.1f} s "
          f"({len(items) / elapsed:.2f} articles/s, embedding cache shared across sets)")
    print(f"  summaries per article: {dict(per_lang)}; both languages {both}; "
          f"code-mixed {mixed}")  # fmt: skip
    scores = _rouge(rouge_pairs)
    for system, score in scores.items():
        print(f"  ROUGE vs {len(rouge_pairs[system])} standfirsts, {system:>8}: "
              + "  ".join(f"{k}={v:.4f}" for k, v in score.items()))
    for line in tally.lines("article summaries", show):
        print(line)
    events = _events(items, articles, show)
    return {"set": name, "articles": rows, "rouge": scores, "events": events,
            "checks": _counts(tally)}  # fmt: skip


def _at(sentences: list[str], index: int | None) -> str | None:
    return None if index is None else sentences[index]


def _rouge(pairs: dict[str, list]) -> dict[str, dict[str, float]]:
    out = {}
    for system, triples in pairs.items():
        if not triples:
            continue
        by_lang: dict[str, list] = defaultdict(list)
        for ours, ref, lang in triples:
            by_lang[lang].append((ours, ref))
        # Mean over all pairs, each scored with its language's tokenizer.
        sums: dict[str, float] = defaultdict(float)
        for lang, lang_pairs in by_lang.items():
            for k, v in corpus_rouge(lang_pairs, lang).items():
                sums[k] += v * len(lang_pairs)
        out[system] = {k: v / len(triples) for k, v in sums.items()}
    return out


def _counts(t: Tally) -> dict:
    return {"summaries": t.summaries, "sentences": t.sentences, "repeats": len(t.repeats),
            "mid": len(t.mid), "chrome": len(t.chrome), "unfaithful": len(t.unfaithful),
            "lede_first": t.lede_first}  # fmt: skip


def _events(items, articles, show: bool) -> dict:
    from saaransh.embeddings import default_embedder

    groups: dict[str, list[int]] = defaultdict(list)
    for i, (_, facts) in enumerate(items):
        if not facts["event"].startswith("none:"):
            groups[facts["event"]].append(i)
    tally, missing = Tally(), []
    settings, embedder = Settings().events, default_embedder()
    for event, members in sorted(groups.items()):
        rows = [_row(articles[i]) for i in members]
        raws = {articles[i].id: items[i][1]["raw"] for i in members}
        present = {script_lang(" ".join(a.sentences)) for a in (articles[i] for i in members)}
        for lang in ("en", "hi"):
            record, _reason = summarise_event(event, rows, lang, embedder, settings, None)
            if record is None:
                if lang in present:
                    missing.append((event, lang))
                continue
            units = [s["text"] for s in record["sentences"]]
            cited = {i for s in record["sentences"] for i in s["article_ids"]}
            verdict = check_summary(record["text"], units, [raws[i] for i in cited], lang)
            if any(not s["article_ids"] for s in record["sentences"]):
                verdict.unfaithful.append("a sentence cites no article")
            tally.add(event, verdict)
            ledes = {_at(a.sentences, lede_index(a.sentences, lang)) for a in
                     (articles[i] for i in members)}  # fmt: skip
            tally.lede_first += bool(units) and units[0] in ledes
    print(f"  events: {len(groups)}; a language with sources but no summary: {missing or 0}")
    for line in tally.lines("event summaries", show):
        print(line)
    return {"missing": missing, "checks": _counts(tally)}


def _row(article) -> ArticleRow:
    return ArticleRow(id=article.id, title=article.title, text=article.text,
                      sentences=list(article.sentences), language=article.language.to_dict(),
                      published_at=article.published_at)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="seeds,tune,heldout")
    parser.add_argument("--show", action="store_true", help="print every flagged sentence")
    parser.add_argument("--json", type=Path, help="write the summaries and figures here")
    args = parser.parse_args()
    print("command: PYTHONPATH=service python benchmarks/eval_summaries.py "
          + " ".join(sys.argv[1:]))
    engine = build_engine(Settings(backend="extractive"))
    sets = [s for s in args.sets.split(",") if s]
    if not devdata.available():
        print(f"dev data not found in {devdata.dev_dir()}: seeds only", file=sys.stderr)
        sets = [s for s in sets if s == "seeds"]
    report = [evaluate(name, engine, args.show) for name in sets]
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
