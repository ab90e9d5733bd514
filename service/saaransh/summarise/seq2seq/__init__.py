"""Seq2seq backend: abstractive summaries and translation with encoder-decoder checkpoints,
run by transformers or ctranslate2 (`Settings.runtime`) under the same conventions."""

from saaransh.summarise.seq2seq.conventions import CONVENTIONS, DecoderStart, GenItem
from saaransh.summarise.seq2seq.loader import load_runner, load_summariser, load_translator
from saaransh.summarise.seq2seq.summariser import Seq2SeqSummariser
from saaransh.summarise.seq2seq.translator import Seq2SeqTranslator

__all__ = [
    "CONVENTIONS",
    "DecoderStart",
    "GenItem",
    "Seq2SeqSummariser",
    "Seq2SeqTranslator",
    "load_runner",
    "load_summariser",
    "load_translator",
]
