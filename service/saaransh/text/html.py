"""Article text, title and date out of an HTML page, via trafilatura (no hand-written parsing)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from saaransh.errors import InvalidInput


@dataclass(frozen=True)
class ExtractedPage:
    title: str | None
    text: str  # one paragraph per line, as trafilatura writes it
    date: str | None  # ISO date from the page's metadata


def extract_article(html: str) -> ExtractedPage:
    """Main text and metadata of `html`; InvalidInput if no article text can be found."""
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        as_dict=True,
        include_comments=False,  # reader comments are not the article
        include_tables=False,
        include_images=False,
        # Metadata only: guessing a date from free text or the clock is dates.py's job.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = str(doc.get("text") or "") if isinstance(doc, dict) else ""
    if not text.strip() or not isinstance(doc, dict):
        raise InvalidInput("no article text found in the HTML document")
    return ExtractedPage(title=doc.get("title") or None, text=text, date=doc.get("date") or None)
