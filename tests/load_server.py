"""`saaransh serve`'s server (drain on SIGTERM and all) around the real app with the fake
engine of tests/fake_engine.py injected, for the load test and the API benchmark: no
model weights. Settings come from SAARANSH_* as for `saaransh serve`.

    python tests/load_server.py PORT [--delay-ms MS] [--fake-analysis]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fake_engine import FakeEngine  # noqa: E402
from saaransh.api import create_app  # noqa: E402
from saaransh.api.server import run  # noqa: E402
from saaransh.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--delay-ms", type=float, default=0.0,
                        help="the fake model's cost per call")  # fmt: skip
    parser.add_argument("--fake-analysis", action="store_true",
                        help="the crude analysis instead of the real pipeline")  # fmt: skip
    args = parser.parse_args()
    settings = Settings(host="127.0.0.1", port=args.port)
    engine = FakeEngine(
        args.delay_ms / 1000,
        fake_analysis=args.fake_analysis,
        summary_words=settings.summary_words,
        max_chars=settings.max_chars,
    )
    run(settings, create_app(settings, engine))


if __name__ == "__main__":
    main()
