"""The REST service: `create_app(settings)` for Python, `saaransh serve` for a shell."""

from .app import create_app, create_app_from_env

__all__ = ["create_app", "create_app_from_env"]
