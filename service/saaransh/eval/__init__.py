"""Evaluation metrics that work for Devanagari as well as Latin script (ROUGE)."""
