"""Typed errors. Each maps to one HTTP status and one machine-readable code in the API."""

from __future__ import annotations


class SaaranshError(Exception):
    """Base class: `code` is machine-readable, the message is safe to show to a client."""

    code = "error"
    status = 400


class InvalidInput(SaaranshError):
    code = "invalid_input"
    status = 422


class InputTooLarge(SaaranshError):
    code = "too_large"
    status = 413


class Unsupported(SaaranshError):
    code = "unsupported"
    status = 422


class ModelUnavailable(SaaranshError):
    """A requested model or backend cannot run here (weights missing, offline, ...)."""

    code = "model_unavailable"
    status = 503


class Overloaded(SaaranshError):
    code = "overloaded"
    status = 429


class Timeout(SaaranshError):
    code = "timeout"
    status = 504


class NotFound(SaaranshError):
    code = "not_found"
    status = 404


class StoreUnavailable(SaaranshError):
    """The events store (the database) cannot be reached: nothing was read or stored."""

    code = "store_unavailable"
    status = 503
