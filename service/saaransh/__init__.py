"""Saaransh: English and Hindi summaries of Hindi, English and code-mixed news."""

__version__ = "0.1.0"
