"""How the page honours SAARANSH_API_KEY.

With no key set, the page is open, as the API is. With a key, every page except /login
and the static files needs a session cookie, which /login sets after the key is typed
in once. The cookie holds an HMAC of a fixed label under the key, never the key itself:
it cannot be turned back into the key, changing the key ends every session, and it is
worth nothing against /v1, which still wants `Authorization: Bearer <key>`. The cookie
is HttpOnly and SameSite=Strict, and form posts must come from this origin, so another
site cannot post through a signed-in browser.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit

from fastapi import Request

COOKIE = "saaransh_session"
_LABEL = b"saaransh web session v1"


def session_token(api_key: str) -> str:
    return hmac.new(api_key.encode(), _LABEL, hashlib.sha256).hexdigest()


def key_matches(given: str, api_key: str) -> bool:
    return hmac.compare_digest(given.strip().encode(), api_key.encode())


def signed_in(request: Request) -> bool:
    """True when no key is set, or the request carries this key's session cookie."""
    api_key = request.app.state.settings.api_key
    if not api_key:
        return True
    cookie = request.cookies.get(COOKIE, "")
    return hmac.compare_digest(cookie.encode(), session_token(api_key).encode())


def same_origin(request: Request) -> bool:
    """A form post's Origin (or Referer) names this host; browsers always send one."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source:
        return True  # curl and scripts send neither; the cookie check still applies
    return urlsplit(source).netloc == request.headers.get("host", "")


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site only (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"
