"""The everyday doors: one-line errors, --model paths, no empty output on failure,
download-weights defaults, defaults in --help, --reference-date, the store's location,
and README links that resolve inside the repository."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from saaransh.cli import app, main
from saaransh.errors import ModelUnavailable
from saaransh.settings import Settings
from saaransh.summarise.registry import resolve

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """The console script as a user runs it: exit code, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["saaransh", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    out, err = capsys.readouterr()
    return int(stop.value.code or 0), out, err


@pytest.mark.parametrize("args", [
    ("eval", "summaries", "no/such/file.jsonl"),
    ("analyse", "--reference-date", "22-08-2025", "seeds"),
])
def test_errors_are_one_line_without_a_traceback(monkeypatch, capsys, args):
    code, _, err = run_main(monkeypatch, capsys, *args)
    assert code != 0
    assert "Traceback" not in err
    assert "no/such/file.jsonl" in err or "YYYY-MM-DD" in err


def test_a_missing_file_is_one_line(monkeypatch, capsys):
    code, _, err = run_main(monkeypatch, capsys, "eval", "summaries", "no/such/file.jsonl")
    assert code == 2
    assert err.strip().splitlines() == ["error: no/such/file.jsonl: No such file or directory"]


def test_model_path_without_weights_is_one_clear_line_and_leaves_no_file(
    tmp_path, monkeypatch, capsys, seeds_dir
):
    monkeypatch.chdir(tmp_path)  # models/ is relative to where the command runs
    out = tmp_path / "out.jsonl"
    code, _, err = run_main(monkeypatch, capsys, "summarise", str(seeds_dir), "--backend",
                            "seq2seq", "--model", "models/crosssum", "--out", str(out))
    last = err.strip().splitlines()[-1]
    assert code == 2 and "Traceback" not in err
    assert last.startswith("error: Weights of 'crosssum' are not in models/crosssum")
    assert "models/models" not in err
    assert not out.exists()


@pytest.mark.parametrize(("given", "name", "folder"), [
    ("crosssum", "crosssum", "models/crosssum"),  # a registry name
    ("models/crosssum", "crosssum", "models/crosssum"),  # its folder, even before download
    ("./models/crosssum", "crosssum", "models/crosssum"),
    ("csebuetnlp/mT5_m2m_crossSum_enhanced", "crosssum", "models/crosssum"),  # its hub id
    ("someorg/some-model", "someorg/some-model", "models/someorg/some-model"),  # a hub id
])
def test_model_names_folders_and_hub_ids_resolve(tmp_path, monkeypatch, given, name, folder):
    monkeypatch.chdir(tmp_path)
    spec = resolve(given, Settings())
    assert (spec.name, spec.folder.as_posix()) == (name, folder)


@pytest.mark.parametrize("given", ["models/nothing-here", "./nothing", "/no/such/dir", "~/nope"])
def test_a_path_that_is_no_folder_says_so(tmp_path, monkeypatch, given):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelUnavailable, match="No model folder at"):
        resolve(given, Settings())


def test_a_run_that_fails_before_writing_leaves_no_output_file(tmp_path, monkeypatch, capsys):
    out = tmp_path / "sub" / "out.jsonl"
    code, _, _ = run_main(monkeypatch, capsys, "summarise", str(tmp_path), "--backend",
                          "seq2seq", "--model", str(tmp_path / "absent"), "--out", str(out))
    assert code == 2
    assert not out.exists() and not out.parent.exists()


@pytest.fixture
def fake_hub(monkeypatch):
    """snapshot_download recorded instead of run; it writes a weights file like the real one."""
    import huggingface_hub

    calls: list[str] = []

    def snapshot_download(repo_id, revision=None, local_dir=None, allow_patterns=None):
        calls.append(repo_id)
        Path(local_dir).mkdir(parents=True, exist_ok=True)
        (Path(local_dir) / "model.safetensors").write_bytes(b"0")

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    return calls


def test_download_weights_with_no_names_fetches_the_default_summariser_only(
    tmp_path, monkeypatch, fake_hub
):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["download-weights"])
    assert result.exit_code == 0, result.output
    assert fake_hub == ["csebuetnlp/mT5_m2m_crossSum_enhanced"]
    everything = runner.invoke(app, ["download-weights", "--all"])
    assert everything.exit_code == 0
    assert len(fake_hub) > 3 and "CohereForAI/aya-101" in fake_hub


def _help(*command: str) -> str:
    text = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).output
    return re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─]", " ", text))


def test_help_shows_defaults_and_what_download_weights_fetches():
    serve = _help("serve")
    assert "[default: (127.0.0.1; env SAARANSH_HOST)]" in serve
    assert "[default: (8000; env SAARANSH_PORT)]" in serve
    summarise = _help("summarise")
    assert "[default: (auto; env SAARANSH_BACKEND)]" in summarise
    assert "[default: (en hi; env SAARANSH_TARGET_LANGS)]" in summarise
    assert "--reference-date" in summarise
    download = _help("download-weights")
    assert "default summariser only" in download and "--all" in download
    assert "[default: (900.0; env SAARANSH_FEED_INTERVAL_S)]" in _help("feeds")


def test_summarise_reference_date_dates_a_dateline_without_a_year(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("नई दिल्ली, 22 अगस्त। सरकार ने आज किसानों के लिए नई योजना की घोषणा की। "
                     "मंत्री ने कहा कि इससे लाखों लोगों को लाभ होगा।", encoding="utf-8")
    dated = []
    for extra in ([], ["--reference-date", "2025-09-01"]):
        result = runner.invoke(app, ["summarise", str(story), "--backend", "extractive", *extra])
        assert result.exit_code == 0, result.output
        dated.append(json.loads(result.stdout.splitlines()[0])["published_at"])
    assert dated == [None, "2025-08-22"]


def test_summarise_cluster_says_where_the_store_is(tmp_path, seeds_dir):
    one = sorted(seeds_dir.glob("*.txt"))[0]
    result = runner.invoke(app, ["summarise", str(one), "--backend", "extractive", "--cluster",
                                 "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    store = tmp_path / "data" / "saaransh.sqlite"  # conftest points SAARANSH_DATA_DIR there
    assert f"events store: {store}" in result.stderr
    assert "SAARANSH_DATABASE_URL" in result.stderr


def test_every_readme_link_resolves_inside_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", readme)
    # Paths in code spans that name a file of the repo (`service/...`, `benchmarks/x.py`).
    paths = re.findall(r"`((?:service|benchmarks|docs|tests|seeds)/[^`\s]*)`", readme)
    assert links, "the README links its docs"
    for target in links + paths:
        assert not re.match(r"[a-z]+://", target), f"{target}: a link out of the repository"
        path = (ROOT / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT) and path.exists(), f"README names {target}: not found"
