"""Seq2seq backend: abstractive summaries and translation with transformers checkpoints."""

from saaransh.summarise.seq2seq.conventions import CONVENTIONS, GenItem
from saaransh.summarise.seq2seq.loader import load_runner, load_summariser, load_translator
from saaransh.summarise.seq2seq.summariser import Seq2SeqSummariser
from saaransh.summarise.seq2seq.translator import Seq2SeqTranslator

__all__ = [
    "CONVENTIONS",
    "GenItem",
    "Seq2SeqSummariser",
    "Seq2SeqTranslator",
    "load_runner",
    "load_summariser",
    "load_translator",
]
