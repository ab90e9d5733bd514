"""The door behind `saaransh eval clusters OUT [--gold GOLD]`: read files, score, print.

Every problem with the input (a missing file, a line that is not JSON, a record without a
label) becomes one `InvalidInput` line that names the file and line; never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InvalidInput
from .cluster_report import cluster_report, collect, format_report


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSON Lines file; blank lines are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path}: is a directory, not a JSON Lines file") from None
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be read ({exc.strerror or exc})") from None
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise InvalidInput(f"{path} line {n}: not valid JSON ({exc.args[0]})") from None
        if not isinstance(record, dict):
            raise InvalidInput(f"{path} line {n}: a JSON object was expected")
        records.append(record)
    return records


def read_gold(path: Path) -> dict[str, dict]:
    """id -> {"event", optional "lang"} from a gold file of `id`, `event` records."""
    gold: dict[str, dict] = {}
    for n, record in enumerate(read_jsonl(path), 1):
        if "id" not in record or record.get("event") is None:
            raise InvalidInput(f"{path}: record {n} needs both `id` and `event`")
        gold[str(record["id"])] = {"event": record["event"], "lang": record.get("lang")}
    if not gold:
        raise InvalidInput(f"{path}: no gold records")
    return gold


def evaluate_files(out: Path, gold: Path | None = None, *, as_json: bool = False,
                   worst: int = 5) -> str:  # fmt: skip
    """The report on `out` (records of `summarise --cluster`) as text or JSON."""
    labels = read_gold(gold) if gold is not None else None
    try:
        items, left_out = collect(read_jsonl(out), labels)
    except ValueError as exc:
        raise InvalidInput(f"{out}: {exc}") from None
    report = cluster_report(items, worst=worst)
    if as_json:
        return json.dumps({**report, "left_out": left_out}, indent=2, ensure_ascii=False)
    return format_report(report, left_out)
