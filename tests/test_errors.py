"""Every exception class lives in saaransh/errors.py, and a failed article has one
record shape at every door."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from typer.testing import CliRunner

from saaransh.cli import app
from saaransh.errors import InvalidInput, error_record
from saaransh.jobs.readers import ReadError

PACKAGE = Path(__file__).resolve().parents[1] / "service" / "saaransh"
EXCEPTION_BASES = {"Exception", "LookupError", "ValueError", "RuntimeError", "SaaranshError"}


def test_exception_classes_are_defined_in_errors_py_only():
    defined = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                defined[node.name] = (path.relative_to(PACKAGE).as_posix(), node)
    exceptions = set(EXCEPTION_BASES)
    changed = True
    while changed:  # subclasses of subclasses, wherever they are
        changed = False
        for name, (_, node) in defined.items():
            bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
            if name not in exceptions and bases & exceptions:
                exceptions.add(name)
                changed = True
    elsewhere = sorted(f"{where}:{name}" for name, (where, _) in defined.items()
                       if name in exceptions and where != "errors.py")  # fmt: skip
    assert elsewhere == []


def test_one_record_shape_typed_and_untyped():
    assert error_record("a", InvalidInput("text: empty")) == {
        "id": "a", "error": {"code": "invalid_input", "message": "text: empty"}}
    hidden = error_record("b", KeyError("secret path /srv/x"))
    assert hidden == {"id": "b", "error": {"code": "internal", "message": "internal error"}}
    shown = error_record("b", KeyError("k"), detail=True)["error"]
    assert shown == {"code": "internal", "message": "KeyError: 'k'"}
    unreadable = ReadError("c", "c.txt", "not UTF-8").to_record()
    assert unreadable == {"id": "c", "error": {"code": "unreadable", "message": "not UTF-8"}}


def test_analyse_json_prints_the_same_record_shape(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("   ", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyse", str(bad), "--json"])
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(record) == {"id", "error"} and set(record["error"]) == {"code", "message"}
    assert result.exit_code == 1
