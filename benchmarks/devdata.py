"""The real development data in ../shared/dev, and the one fixed split every benchmark uses.

The texts belong to their publishers: they are read from disk at run time and never copied
into this repository (see ../shared/dev/README.md). Set SAARANSH_DEV_DIR to read them from
elsewhere.

The split keeps each event together with its hard negatives (launch vs landing, crash vs
arrests, ...), so a threshold tuned on one side is reported on pairs it has never seen:

- tune:     moon/space launches (d01-d03), election results vs swearing-in (d12/d13),
            Ratan Tata death vs funeral (d18/d19), Article 370 (d06), Wayanad (d14),
            Bipin Rawat crash (d22), and the Gaganyaan, Modi-2019 and pollution distractors.
- held-out: Ram Mandir (d04/d05), Balasore crash vs arrests (d07/d08), Silkyara collapse vs
            rescue (d09/d10), T20 final vs parade (d15/d16), Neeraj 2021 vs 2023 (d20/d21),
            G20 (d11), Hathras (d17), and the Kanchanjunga, RBI and "Jawan" distractors.

Tune on `split="tune"`, report on `split="heldout"`; `split="all"` is for totals only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[1]
Split = Literal["tune", "heldout", "all"]

TUNE_EVENTS = frozenset({"d01", "d02", "d03", "d06", "d12", "d13", "d14", "d18", "d19", "d22"})
HELDOUT_EVENTS = frozenset(
    {"d04", "d05", "d07", "d08", "d09", "d10", "d11", "d15", "d16", "d17", "d20", "d21"}
)
# Distractors (event "none", each its own singleton), by id.
TUNE_DISTRACTORS = frozenset({"d99-en-1", "d99-hi-3", "d99-en-2"})
HELDOUT_DISTRACTORS = frozenset({"d99-hi-1", "d99-hi-2", "d99-hi-en-1"})
# Pairs of events that share actors or places but are different happenings.
HARD_NEGATIVES = (
    ("chandrayaan3-landing", "chandrayaan3-launch"),
    ("chandrayaan3-landing", "aditya-l1-launch"),
    ("ram-mandir-consecration", "ram-mandir-public-opening"),
    ("balasore-train-crash", "balasore-cbi-arrests"),
    ("silkyara-tunnel-collapse", "silkyara-tunnel-rescue"),
    ("ls2024-results", "modi-swearing-in-2024"),
    ("t20wc-2024-final", "t20wc-victory-parade"),
    ("ratan-tata-death", "ratan-tata-funeral"),
    ("neeraj-tokyo-olympic-gold", "neeraj-worlds-gold-2023"),
)


def dev_dir() -> Path:
    """Where the dev data lives: $SAARANSH_DEV_DIR, else ../shared/dev beside the repo."""
    return Path(os.environ.get("SAARANSH_DEV_DIR") or ROOT.parent / "shared" / "dev")


def available() -> bool:
    return (dev_dir() / "news-dev.jsonl").is_file()


def split_of(record: dict) -> str:
    """"tune" or "heldout" for one news-dev record."""
    prefix = record["id"].split("-", 1)[0]
    if prefix == "d99":
        if record["id"] in TUNE_DISTRACTORS:
            return "tune"
        if record["id"] in HELDOUT_DISTRACTORS:
            return "heldout"
    elif prefix in TUNE_EVENTS:
        return "tune"
    elif prefix in HELDOUT_EVENTS:
        return "heldout"
    raise ValueError(f"{record['id']} is in neither split: update benchmarks/devdata.py")


def load_news(split: Split = "all") -> list[dict]:
    """The news-dev records of `split`, in file order."""
    path = dev_dir() / "news-dev.jsonl"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found: the dev data is read from ../shared/dev (or $SAARANSH_DEV_DIR)"
        )
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return [r for r in records if split == "all" or split_of(r) == split]


def gold_event(record: dict) -> str:
    """The gold label for clustering: distractors ("none") are each their own singleton."""
    return f"none:{record['id']}" if record["event"] == "none" else record["event"]


def hinglid_path() -> Path:
    """L3Cube-HingLID validation split (CC BY-NC-SA 4.0): evaluation only, never training."""
    return dev_dir() / "hinglid-validation.txt"
