"""The tokenizer of a checkpoint, as its family needs it (shared by load and convert)."""

from __future__ import annotations

from pathlib import Path


def _auto_tokenizer(location: Path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(location, local_files_only=True)


def _indicbart_tokenizer(location: Path):
    # IndicBART's tokenizer_config names no class (AutoTokenizer would pick MBart's).
    # transformers 5 backs AlbertTokenizer with `tokenizers`; with these flags it
    # reproduces the SentencePiece model's own pieces, matras and nuktas included.
    from transformers import AlbertTokenizer

    return AlbertTokenizer.from_pretrained(
        location, keep_accents=True, do_lower_case=False, local_files_only=True
    )


TOKENIZERS = {"indicbart": _indicbart_tokenizer}


def load_tokenizer(family: str, location: Path):
    """The family's tokenizer from a local checkpoint folder (no network)."""
    return TOKENIZERS.get(family, _auto_tokenizer)(location)
