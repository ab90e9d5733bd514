"""A real `uvicorn` server for the browser tests, with deterministic doubles from tests/
(no model weights): the echo summariser (it writes only the article's own language, so
the other summary is null with a reason), a keyword embedder, and an events store in a
SQLite file seeded with two events reported in English and Hindi.

    python tests/web_server.py PORT DB_FILE [API_KEY]
"""

from __future__ import annotations

import sys
from pathlib import Path

import uvicorn

sys.path.insert(0, str(Path(__file__).parent))

from fakes import EchoSummariser  # noqa: E402
from fakes_events import KeywordEmbedder, keyword_event_settings  # noqa: E402
from saaransh.api import create_app  # noqa: E402
from saaransh.article import RawDocument  # noqa: E402
from saaransh.engine import Engine  # noqa: E402
from saaransh.events import EventService  # noqa: E402
from saaransh.settings import Settings  # noqa: E402
from saaransh.store import Store  # noqa: E402

KEYWORDS = {"pune": 1, "पुणे": 1, "jaipur": 2, "जयपुर": 2}
# Made-up stories, written for these tests.
ARTICLES = [
    ("pune-en-1", "https://www.city-chronicle.example/pune-rain", "2025-07-14",
     "Heavy rain floods low-lying parts of Pune",
     "Heavy rain flooded low-lying parts of Pune on Monday. The city received 120 mm of "
     "rain in twelve hours, the weather office said. Schools in three wards were closed as "
     "a precaution. Rescue teams moved 400 residents to relief camps."),
    ("pune-hi-1", "https://samachar.example/pune-barish", "2025-07-14",
     "पुणे में भारी बारिश से निचले इलाकों में पानी भरा",
     "पुणे में सोमवार को भारी बारिश के बाद निचले इलाकों में पानी भर गया। मौसम विभाग ने बताया "
     "कि बारह घंटों में 120 मिलीमीटर बारिश दर्ज की गई। एहतियात के तौर पर तीन वार्डों के स्कूल "
     "बंद रखे गए। बचाव दलों ने 400 लोगों को राहत शिविरों में पहुंचाया।"),
    ("pune-en-2", "https://dailyledger.example/pune-water-recedes", "2025-07-15",
     "Pune: water recedes as the rain eases",
     "Water began to recede in Pune on Tuesday as the rain eased. Relief camps will stay "
     "open for two more days, officials said. Traffic returned to most main roads by noon."),
    ("jaipur-en-1", "https://www.city-chronicle.example/jaipur-metro", "2025-07-12",
     "Jaipur metro's second line opens to passengers",
     "The second line of the Jaipur metro opened to passengers on Saturday. The 12 km line "
     "has ten stations and links the railway station with the airport. Trains will run "
     "every eight minutes at peak hours."),
    ("jaipur-hi-1", "https://rajasthan-patrika.example/metro", "2025-07-12",
     "जयपुर मेट्रो की दूसरी लाइन यात्रियों के लिए खुली",
     "जयपुर मेट्रो की दूसरी लाइन शनिवार को यात्रियों के लिए खोल दी गई। बारह किलोमीटर लंबी इस "
     "लाइन पर दस स्टेशन हैं और यह रेलवे स्टेशन को हवाई अड्डे से जोड़ती है। व्यस्त समय में हर आठ "
     "मिनट पर ट्रेन चलेगी।"),
]


def build(db_file: str, api_key: str | None = None, refresh_interval_s: float | None = None):
    """The app, its events store seeded (event summaries computed before it serves);
    `refresh_interval_s` overrides the event summaries' debounce."""
    settings = Settings(database_url=f"sqlite:///{db_file}", api_key=api_key, max_wait_ms=5)
    store = Store(settings.resolved_database_url()).migrate()
    event_settings = keyword_event_settings()
    if refresh_interval_s is not None:
        event_settings.refresh_interval_s = refresh_interval_s
    events = EventService(store, embedder=KeywordEmbedder(KEYWORDS), settings=event_settings)
    engine = Engine(EchoSummariser(same_language_only=True), max_chars=settings.max_chars)
    docs = [RawDocument(id=i, body=text, title=title, url=url, published_at=date)
            for i, url, date, title, text in ARTICLES]  # fmt: skip
    results = engine.summarise_articles([engine.analyse(d) for d in docs], settings.target_langs)
    events.ingest_many(results)  # type: ignore[arg-type]
    events.refresh_dirty()
    return create_app(settings, engine, events)


if __name__ == "__main__":
    port, db_file = int(sys.argv[1]), sys.argv[2]
    app = build(db_file, sys.argv[3] if len(sys.argv) > 3 else None)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
