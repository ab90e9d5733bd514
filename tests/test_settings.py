"""One root `Settings`, built at the doors: every variable the docs name reaches it."""

from __future__ import annotations

import ast
import os
import re
import typing
from pathlib import Path

import pytest
from pydantic import ValidationError
from pydantic.fields import FieldInfo

from saaransh.settings import EventSettings, RaySettings, Settings
from saaransh.settings.root import SECTIONS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "service" / "saaransh"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# Variables the docs name that are not settings of the package, and who reads them.
NOT_SETTINGS = {
    "SAARANSH_FETCH_WEIGHTS": "docker/entrypoint.sh (what the image downloads)",
    "SAARANSH_PUBLISH_PORT": "docker-compose.yml (the host port)",
    "SAARANSH_REQUIRE_BROWSER": "tests/test_browser.py (CI: no silent skip)",
    "SAARANSH_SCREENSHOTS": "tests/test_browser.py (where failing pages are saved)",
}


def documented_variables() -> set[str]:
    names = set()
    for doc in DOCS:
        names |= set(re.findall(r"SAARANSH_[A-Z0-9_]*[A-Z0-9]", doc.read_text(encoding="utf-8")))
    return names


def field_of(variable: str) -> tuple[str | None, str, FieldInfo] | None:
    """(section or None, field name, its FieldInfo) for an environment variable."""
    for section, (prefix, model) in SECTIONS.items():
        name = variable.removeprefix(prefix).lower()
        if variable.startswith(prefix) and name in model.model_fields:
            return section, name, model.model_fields[name]
    name = variable.removeprefix("SAARANSH_").lower()
    if name in Settings.model_fields and name not in SECTIONS:
        return None, name, Settings.model_fields[name]
    return None


def candidates(info: FieldInfo) -> list[tuple[str, object]]:
    """Environment strings for the field, with the value each must give; none the default."""
    default = info.get_default(call_default_factory=True)
    kind = info.annotation
    if typing.get_origin(kind) is typing.Literal:
        return [(str(a), a) for a in typing.get_args(kind) if a != default]
    if kind is bool:
        return [(str(not default).lower(), not default)]
    if kind is int:
        return [(str(default + 1), default + 1), (str(default - 1), default - 1)]
    if kind is float:
        return [(repr(v), v) for v in (default * 0.5, default + 0.01, 0.25) if v != default]
    if kind is Path:
        return [("/tmp/elsewhere", Path("/tmp/elsewhere"))]
    if "list" in str(kind):
        if "Literal" in str(kind):
            return [('["hi"]', ["hi"])]
        if "NoDecode" in str(kind) or info.metadata:
            return [("http://a.example,http://b.example", ["http://a.example", "http://b.example"])]
        return [('["http://a.example"]', ["http://a.example"])]
    return [("somewhere-else", "somewhere-else")]  # str and str | None


def test_the_package_has_one_settings_class():
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if "BaseSettings" in bases:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.name}")
    assert found == ["settings/root.py:Settings"]


SETTINGS_CLASSES = {"Settings", "EventSettings", "RaySettings"}


def test_no_module_reads_settings_or_the_environment_for_itself():
    # Settings are built at the doors only: the CLI commands, the app factory, the Ray
    # Serve entry point. Anything else gets them passed down.
    doors = {"cli.py", "api/app.py", "scale/ray_serve.py", "settings/root.py"}
    readers = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if (rel not in doors and isinstance(node, ast.Call) and not node.args
                    and not node.keywords and getattr(node.func, "id", "") in SETTINGS_CLASSES):
                readers.append(f"{rel}:{node.lineno}")
        reads_env = re.search(r"environ(\.get)?\s*[\[(]\s*[\"']SAARANSH", text)
        if rel != "settings/root.py" and reads_env:
            readers.append(rel)
    assert readers == []


def test_every_documented_variable_is_a_setting_or_says_who_reads_it():
    documented = documented_variables() - {"SAARANSH_EVENT", "SAARANSH_RAY"}  # the prefixes
    unknown = {v for v in documented if field_of(v) is None and v not in NOT_SETTINGS}
    assert unknown == set()


@pytest.mark.parametrize("variable", sorted(v for v in documented_variables() if field_of(v)))
def test_each_documented_variable_reaches_settings(monkeypatch, variable):
    found = field_of(variable)
    assert found is not None
    section, name, info = found
    for key in list(os.environ):
        if key.startswith("SAARANSH_"):
            monkeypatch.delenv(key)
    for raw, expected in candidates(info):
        monkeypatch.setenv(variable, raw)
        try:
            settings = Settings()
        except ValidationError:
            continue  # out of the field's range: the next candidate
        value = getattr(getattr(settings, section) if section else settings, name)
        assert value == expected, f"{variable}={raw!r} gave {value!r}"
        assert value != info.get_default(call_default_factory=True)
        return
    pytest.fail(f"no candidate value for {variable} validated")


def test_sections_read_their_prefixes_and_code_wins(monkeypatch):
    monkeypatch.setenv("SAARANSH_EVENT_JOIN_THRESHOLD", "0.55")
    monkeypatch.setenv("saaransh_ray_num_workers", "3")  # names match case-insensitively
    settings = Settings()
    assert settings.events.join_threshold == 0.55 and settings.ray.num_workers == 3
    assert settings.events.merge_threshold == EventSettings().merge_threshold
    given = Settings(events=EventSettings(join_threshold=0.9))
    assert given.events.join_threshold == 0.9  # what the door passes beats the environment


def test_a_bad_section_value_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("SAARANSH_EVENT_JOIN_THRESHOLD", "2")
    with pytest.raises(ValidationError, match="join_threshold"):
        Settings()
    monkeypatch.delenv("SAARANSH_EVENT_JOIN_THRESHOLD")
    with pytest.raises(ValidationError):
        RaySettings(num_workers=1, nmu_workers=2)  # a typo in code is refused, not ignored
