"""What the page shows, shaped from stored records: coloured tokens, cited summary
sentences, timelines. Pure functions; the routes fetch, these arrange."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlsplit

from ..language import tag_tokens, tokenize
from ..language.scripts import token_kind

MAX_TOKENS = 4000  # coloured tokens shown per article; a very long paste is cut (and says so)
LANG_NAMES = {"en": "English", "hi": "हिन्दी"}


@dataclass(frozen=True)
class Token:
    text: str  # the token, or the whitespace between two tokens (tag "")
    tag: str  # hi | hi-Latn | en | univ | other, "" for whitespace

    @property
    def lang(self) -> str | None:
        return {"hi": "hi", "hi-Latn": "hi-Latn", "en": "en"}.get(self.tag)


def coloured_tokens(text: str) -> tuple[list[Token], bool]:
    """The text as tokens with their language tags, the spaces between them kept; and
    whether it was cut at MAX_TOKENS. Romanised Hindi is told apart by its script."""
    tokens = tokenize(text)
    cut = len(tokens) > MAX_TOKENS
    tokens = tokens[:MAX_TOKENS]
    out: list[Token] = []
    at = 0
    for token, tag in zip(tokens, tag_tokens(tokens), strict=True):
        start = text.find(token, at)
        if start < 0:  # the tokenizer normalised something: fall back to one space
            out.append(Token(" ", ""))
        elif start > at:
            out.append(Token(text[at:start], ""))
        at = start + len(token) if start >= 0 else at
        if tag == "hi" and token_kind(token) == "latn":
            tag = "hi-Latn"
        out.append(Token(token, tag))
    return out, cut


def article_lang(article: dict) -> str:
    """The BCP 47 tag for an article's text: hi, en, or und (undetermined)."""
    primary = (article.get("language") or {}).get("primary")
    return primary if primary in LANG_NAMES else "und"


def outlet(url: str | None) -> str:
    """The site an article came from, for citations: its host without www."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else "pasted"


def citations(article_ids: Iterable[str], articles: dict[str, dict]) -> list[dict]:
    """One citation per source article of a summary sentence: id, outlet, date, url."""
    out = []
    for article_id in article_ids:
        a = articles.get(article_id, {"id": article_id})
        out.append({"id": article_id, "outlet": outlet(a.get("url")), "url": a.get("url"),
                    "date": a.get("published_at"), "title": a.get("title")})  # fmt: skip
    return out


def summary_view(summary: dict | None, articles: dict[str, dict]) -> dict | None:
    """A stored event summary with each sentence's citations; for abstractive text, the
    sentences are the sources it was written from."""
    if summary is None:
        return None
    sentences = [
        {"text": s["text"], "cites": citations(s.get("article_ids", []), articles)}
        for s in summary.get("sentences", [])
    ]
    return {"text": summary["text"], "method": summary.get("method"),
            "model": summary.get("model"), "sentences": sentences,
            "extractive": summary.get("method") == "extractive"}  # fmt: skip


def event_view(cluster: dict, members: list[dict]) -> dict:
    """A cluster record with its members keyed by id and its summaries cited."""
    by_id = {a["id"]: a for a in members}
    return {
        "id": cluster["id"],
        "first_seen": cluster.get("first_seen"),
        "last_seen": cluster.get("last_seen"),
        "article_count": len(cluster.get("article_ids", [])),
        "outlets": sorted({outlet(a.get("url")) for a in members}),
        "langs": sorted({(a.get("language") or {}).get("primary", "other") for a in members}),
        "headline": next(
            ({"text": a["title"], "lang": article_lang(a)} for a in members if a.get("title")),
            {"text": f"Event {cluster['id']}", "lang": "en"},
        ),
        "summaries": {
            lang: summary_view(cluster.get("summaries", {}).get(lang), by_id)
            for lang in LANG_NAMES
        },
        "unavailable": cluster.get("unavailable", {}),
    }


def timeline(members: list[dict]) -> list[tuple[str, list[dict]]]:
    """Articles grouped by publication date, oldest first; undated ones last."""
    ordered = sorted(members, key=lambda a: (a.get("published_at") is None,
                                            a.get("published_at") or "", a["id"]))  # fmt: skip
    return [(day or "undated", list(group))
            for day, group in groupby(ordered, key=lambda a: a.get("published_at"))]  # fmt: skip
