"""Every exception Saaransh raises, and the one shape of a failed article's record.

A `SaaranshError` carries a machine-readable `code`, the HTTP `status` the API answers
with (`api/errors.py` is only that mapping) and a message that is safe to show a client.
"""

from __future__ import annotations


class SaaranshError(Exception):
    """Base class: `code` is machine-readable, the message is safe to show to a client."""

    code = "error"
    status = 400


# -- the request or the article ----------------------------------------------------
class BadRequest(SaaranshError):
    """The HTTP request itself is malformed (a Content-Length that is not a number)."""

    code = "bad_request"


class InvalidInput(SaaranshError):
    code = "invalid_input"
    status = 422


class Unreadable(InvalidInput):
    """An input file or record that could not be read as an article."""

    code = "unreadable"


class Unwritable(SaaranshError):
    """A record that cannot be written as UTF-8 JSON (a lone surrogate somewhere in it)."""

    code = "unwritable"


class InputTooLarge(SaaranshError):
    code = "too_large"
    status = 413


class RequestTimeout(SaaranshError):
    """The request body did not arrive in full in time; the connection is closed."""

    code = "request_timeout"
    status = 408


class Unsupported(SaaranshError):
    code = "unsupported"
    status = 422


class Unauthorized(SaaranshError):
    code = "unauthorized"
    status = 401


class NotFound(SaaranshError):
    code = "not_found"
    status = 404


# -- what a summariser can and cannot write ------------------------------------------
class CannotWrite(Exception):
    """This backend cannot produce the requested target language for this source."""


class NothingToExtract(CannotWrite):
    """The article has no sentence an extract in the target language could be made of; the
    message says why and is safe to show."""


class UnknownPrompt(LookupError):
    """A prompt template name that has no file in the prompts folder."""


# -- the service and its dependencies ----------------------------------------------------
class ModelUnavailable(SaaranshError):
    """A requested model or backend cannot run here (weights missing, offline, ...)."""

    code = "model_unavailable"
    status = 503


class WorkerFailed(ModelUnavailable):
    """The model worker died mid-batch (not an ordinary per-item exception)."""


class RayUnavailable(ModelUnavailable):
    code = "ray_unavailable"


class NotReady(SaaranshError):
    """The models are still loading (or the model worker stopped)."""

    code = "not_ready"
    status = 503


class ShuttingDown(SaaranshError):
    """The server is draining: finish what is in flight, take nothing new."""

    code = "shutting_down"
    status = 503


class Overloaded(SaaranshError):
    code = "overloaded"
    status = 429


class QueueFull(Overloaded):
    """The batcher's queue is at max_queue; `retry_after` is a whole-second estimate."""

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)


class Timeout(SaaranshError):
    code = "timeout"
    status = 504


class ClientGone(SaaranshError):
    """Nobody is listening any more; the status is for logs and metrics only."""

    code = "client_closed"
    status = 499


class StoreUnavailable(SaaranshError):
    """The events store (the database) cannot be reached: nothing was read or stored."""

    code = "store_unavailable"
    status = 503


class FetchError(SaaranshError):
    """A feed or page could not be fetched."""

    code = "fetch_failed"

    def __init__(self, message: str, http_status: int | None = None) -> None:
        super().__init__(message)
        self.http_status = http_status  # the server's answer, when there was one


class Disallowed(FetchError):
    code = "robots_disallowed"


# -- the record of a failed article -------------------------------------------------------
def error_record(doc_id: str, exc: BaseException, *, detail: bool = False) -> dict:
    """`{"id", "error": {"code", "message"}}`, the one shape at every door (output files,
    Ray, the API's batch results, `analyse --json`). A typed error says its own safe
    message; anything else is `internal`, named by its type and text only with `detail`
    (files the operator reads), never to an API client (the log has it)."""
    if isinstance(exc, SaaranshError):
        code, message = exc.code, str(exc) or exc.code
    else:
        code = "internal"
        message = f"{type(exc).__name__}: {exc}" if detail else "internal error"
    return {"id": doc_id, "error": {"code": code, "message": message}}
