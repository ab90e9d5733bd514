"""Turn input paths (.txt, .html, .jsonl, directories of these) into raw documents.

A file that cannot be read or decoded yields a `ReadError` for that file and the
walk goes on, so one bad file never hides the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..article import RawDocument
from ..errors import InvalidInput, Unreadable, error_record
from ..ids import escape_id, id_problem
from ..text.normalise import decode_bytes, lone_surrogate_at

TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
SUFFIXES = {*TEXT_SUFFIXES, ".jsonl"}


@dataclass(frozen=True)
class ReadError:
    id: str
    source: str
    message: str

    def to_record(self) -> dict:
        return error_record(self.id, Unreadable(self.message))


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to read, in a stable order: given files as given, directories sorted."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(".")
            )
        else:
            yield p


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawDocument | ReadError]:
    for path in iter_files(paths):
        yield from read_file(path)


def read_file(path: Path) -> Iterator[RawDocument | ReadError]:
    suffix = path.suffix.lower()
    try:
        if suffix not in SUFFIXES:
            raise InvalidInput(f"unsupported file type '{suffix}' (use .txt, .html or .jsonl)")
        data = path.read_bytes()
        text = decode_bytes(data)
    except (OSError, InvalidInput) as exc:
        yield ReadError(escape_id(path.stem), str(path), _describe(exc))
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(text, path)
    else:
        yield RawDocument(
            id=path.stem, body=text, format=TEXT_SUFFIXES[suffix], source=str(path)  # type: ignore[arg-type]
        )


def _read_jsonl(text: str, path: Path) -> Iterator[RawDocument | ReadError]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        obj: object = None
        try:
            obj = json.loads(line)
            doc = document_from_mapping(obj, source=where)
        except (ValueError, InvalidInput) as exc:
            ident = obj.get("id") if isinstance(obj, dict) else None
            # The id as it would print: a lone surrogate cannot even be written as UTF-8.
            yield ReadError(escape_id(str(ident or where)), where, _describe(exc))
            continue
        yield doc


def document_from_mapping(obj: object, *, source: str) -> RawDocument:
    """A RawDocument from a JSON object with `id`, `text` and optional metadata."""
    if not isinstance(obj, dict):
        raise InvalidInput("each JSON line must be an object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("field 'text' must be a non-empty string")
    ident = obj.get("id")
    if ident is None or str(ident).strip() == "":
        raise InvalidInput("field 'id' is required in JSON Lines input")
    problem = id_problem(str(ident))
    if problem is not None:
        raise InvalidInput(f"field 'id' {problem}")
    if (at := lone_surrogate_at(text)) is not None:
        raise InvalidInput(f"field 'text' contains a lone surrogate at position {at}")
    fmt = obj.get("format", "text")
    if fmt not in ("text", "html"):
        raise InvalidInput("field 'format' must be 'text' or 'html'")
    return RawDocument(
        id=str(ident),
        body=text,
        format=fmt,
        title=_opt_str(obj, "title"),
        url=_opt_str(obj, "url"),
        published_at=_opt_str(obj, "published_at"),
        source=source,
    )


def _opt_str(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"field '{key}' must be a string")
    return value


def _describe(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"cannot read file: {exc.strerror or type(exc).__name__}"
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON at column {exc.colno}: {exc.msg}"
    return str(exc)
