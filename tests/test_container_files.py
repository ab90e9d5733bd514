"""The container files, checked as files: no Docker daemon runs here.

Dockerfile (stages, test gate, user, health check, torch before the package),
docker-compose.yml (GPU reservation, health check, volumes, profiles, env wiring),
the entrypoint's offline behaviour, and docs/deploy.md against both.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
DOCS = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
# The README gets the same checks once the deploy section is merged into it.
DOC_FILES = [p for p in (ROOT / "docs" / "deploy.md", ROOT / "README.md")
             if p.exists() and "docker compose" in p.read_text(encoding="utf-8")]
SERVERS = ["saaransh", "saaransh-cpu"]


# -- Dockerfile ----------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    logical = re.sub(r"\\\n", " ", "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith("#")
    ))
    out = []
    for line in logical.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def stages() -> dict[str, list[tuple[str, str]]]:
    """Stage name -> its instructions, in file order (the last one is the image)."""
    result: dict[str, list[tuple[str, str]]] = {}
    current = None
    for word, rest in dockerfile_instructions():
        if word == "FROM":
            m = re.fullmatch(r"(\S+)\s+AS\s+(\S+)", rest, re.IGNORECASE)
            assert m, f"every stage is named: FROM {rest}"
            current = m.group(2)
            result[current] = []
        elif current is not None:
            result[current].append((word, rest))
    return result


STAGES = stages()
FINAL = list(STAGES)[-1]


def args_of(stage: str, word: str) -> list[str]:
    return [rest for w, rest in STAGES[stage] if w == word]


def test_dockerfile_is_multi_stage_with_a_test_gate():
    assert len(STAGES) >= 3 and "test" in STAGES
    assert any("pytest" in r for r in args_of("test", "RUN"))
    # The image cannot be built unless the test stage ran: it copies the stage's marker.
    assert any("--from=test" in r for r in args_of(FINAL, "COPY"))


def test_final_stage_runs_serve_as_non_root_with_a_readyz_health_check():
    users = args_of(FINAL, "USER")
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    (health,) = args_of(FINAL, "HEALTHCHECK")
    assert "/readyz" in health and "CMD" in health
    (cmd,) = args_of(FINAL, "CMD")
    entry = args_of(FINAL, "ENTRYPOINT")
    argv = json.loads(cmd)
    assert argv[:2] == ["saaransh", "serve"]
    # The entrypoint must hand over to the command (exec "$@") for CMD to run at all.
    if entry:
        assert 'exec "$@"' in (ROOT / "docker" / "entrypoint.sh").read_text(encoding="utf-8")


def test_final_stage_env_and_volumes():
    env = " ".join(args_of(FINAL, "ENV"))
    assert "SAARANSH_HOST=0.0.0.0" in env
    hf_home = re.search(r"HF_HOME=(\S+)", env).group(1)
    models = re.search(r"SAARANSH_MODELS_DIR=(\S+)", env).group(1)
    volumes = json.loads(" ".join(args_of(FINAL, "VOLUME")))
    assert {hf_home, models} <= set(volumes)


def test_cuda_torch_of_the_pinned_version_is_installed_before_the_package():
    runs = [r for stage in STAGES.values() for w, r in stage if w == "RUN"]
    torch_at = next(i for i, r in enumerate(runs) if "--index-url" in r and "torch==" in r)
    package_at = next(i for i, r in enumerate(runs) if re.search(r"pip install \"?\.\[", r))
    assert torch_at < package_at
    pin = next(d for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "dependencies"] if d.startswith("torch"))
    version = re.search(r"ARG TORCH_VERSION=(\S+)", (ROOT / "Dockerfile").read_text()).group(1)
    assert pin == f"torch=={version}"
    args = (ROOT / "Dockerfile").read_text()
    assert re.search(r"ARG TORCH_CUDA=cu1\d\d", args)


def dockerignore_excludes(rel: str) -> bool:
    """Docker's rule: the last matching pattern wins; `!` re-includes."""
    excluded = False
    for raw in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        parts = rel.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(fnmatch.fnmatchcase(p, pattern) or fnmatch.fnmatchcase(p, f"**/{pattern}")
               for p in prefixes):
            excluded = not negate
    return excluded


@pytest.mark.parametrize("rel", [".venv", ".git", "models/crosssum", "data", "out/x.jsonl"])
def test_dockerignore_keeps_local_state_out_of_the_context(rel):
    assert dockerignore_excludes(rel)


def test_every_copied_source_exists_and_is_in_the_build_context():
    sources = []
    for stage in STAGES.values():
        for word, rest in stage:
            if word == "COPY" and "--from=" not in rest:
                tokens = [t for t in shlex.split(rest) if not t.startswith("--")]
                sources += tokens[:-1]
    assert sources
    for src in sources:
        if src == ".":
            continue
        assert (ROOT / src).exists(), src
        assert not dockerignore_excludes(src.rstrip("/")), f"{src} is .dockerignored"


# -- docker-compose.yml --------------------------------------------------------------


def test_gpu_service_reserves_an_nvidia_gpu():
    (device,) = SERVICES["saaransh"]["deploy"]["resources"]["reservations"]["devices"]
    assert device["driver"] == "nvidia" and "gpu" in device["capabilities"]
    assert device.get("count") in (1, "all") or device.get("device_ids")
    assert "profiles" not in SERVICES["saaransh"]  # `docker compose up` starts it


def test_cpu_profile_has_no_gpu_reservation():
    cpu = SERVICES["saaransh-cpu"]
    assert cpu["profiles"] == ["cpu"]
    assert "deploy" not in cpu
    assert cpu["environment"]["SAARANSH_DEVICE"] == "cpu"


def seconds(duration: str) -> float:
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    return sum(float(n) * units[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)(ms|h|m|s)", duration))


@pytest.mark.parametrize("name", SERVERS)
def test_server_health_check_polls_readyz_and_allows_model_loading(name):
    check = SERVICES[name]["healthcheck"]
    assert any("/readyz" in part for part in check["test"])
    assert seconds(check["start_period"]) >= 120
    port = SERVICES[name]["environment"]["SAARANSH_PORT"]
    assert f":{port}/readyz" in " ".join(check["test"])


def mounts(service: dict) -> dict[str, str]:
    return {v.split(":")[1]: v.split(":")[0] for v in service.get("volumes", [])}


@pytest.mark.parametrize("name", SERVERS)
def test_server_env_points_at_its_volumes_and_binds_all_interfaces(name):
    service = SERVICES[name]
    env, volumes = service["environment"], mounts(service)
    assert env["SAARANSH_HOST"] == "0.0.0.0"
    for key in ("SAARANSH_MODELS_DIR", "HF_HOME", "SAARANSH_DATA_DIR"):
        assert volumes[env[key]] in COMPOSE["volumes"], key
    published = [p.rsplit(":", 1)[1] for p in service["ports"]]
    assert published == [env["SAARANSH_PORT"]]
    assert "command" not in service  # the image's CMD: saaransh serve


@pytest.mark.parametrize("name", SERVERS)
def test_weights_are_fetched_first_into_the_same_volume(name):
    weights = SERVICES["weights"]
    assert weights["command"][0] == "fetch-weights" and "profiles" not in weights
    assert SERVICES[name]["depends_on"]["weights"]["condition"] == (
        "service_completed_successfully"
    )
    assert mounts(weights)["/app/models"] == mounts(SERVICES[name])["/app/models"]


def test_postgres_profile_and_database_url_wiring():
    pg = SERVICES["postgres"]
    assert pg["profiles"] == ["postgres"]
    for name in SERVERS:
        assert "SAARANSH_DATABASE_URL" in SERVICES[name]["environment"]
    env = pg["environment"]
    url = re.search(r"postgresql\+psycopg://\S+", DOCS).group(0)
    password = re.fullmatch(r"\$\{POSTGRES_PASSWORD:-(\w+)\}", env["POSTGRES_PASSWORD"]).group(1)
    user, db = env["POSTGRES_USER"], env["POSTGRES_DB"]
    assert url == f"postgresql+psycopg://{user}:{password}@postgres:5432/{db}"


def find_compose_schema() -> Path | None:
    """A compose-spec JSON schema shipped by an installed package (never downloaded)."""
    import site

    roots = {*sys.path, *site.getsitepackages(), "/usr/lib/python3/dist-packages"}
    for root in filter(None, roots):
        for rel in ("compose/config/compose_spec.json", "compose/config/compose-spec.json"):
            if (Path(root) / rel).is_file():
                return Path(root) / rel
    return None


def test_compose_file_validates_against_the_compose_spec_schema():
    schema_path = find_compose_schema()
    if schema_path is None:
        pytest.skip("no compose-spec JSON schema in any installed package (e.g. Debian's "
                    "docker-compose ships compose/config/compose_spec.json); not downloaded")
    import jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(COMPOSE)


def compose_command() -> list[str] | None:
    if shutil.which("docker") and subprocess.run(
        ["docker", "compose", "version"], capture_output=True
    ).returncode == 0:
        return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


@pytest.mark.parametrize("profiles", [[], ["cpu"], ["cpu", "postgres"]])
def test_compose_config_accepts_the_file(profiles):
    cmd = compose_command()
    if cmd is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed")
    flags = [arg for p in profiles for arg in ("--profile", p)]
    done = subprocess.run([*cmd, *flags, "config", "--services"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    expected = {"weights", "saaransh", *(["saaransh-cpu"] if "cpu" in profiles else []),
                *(["postgres"] if "postgres" in profiles else [])}
    # Compose v1 lists every service whatever the profiles; v2 only the active ones.
    assert expected <= set(done.stdout.split())


# -- the entrypoint, with a stand-in `saaransh` ----------------------------------------


def run_entrypoint(tmp_path, args, *, download_ok: bool, names: str | None = "crosssum"):
    fake = tmp_path / "bin" / "saaransh"
    fake.parent.mkdir(exist_ok=True)
    fake.write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/calls\nexit {0 if download_ok else 1}\n')
    fake.chmod(0o755)
    env = {"PATH": f"{fake.parent}:{os.environ['PATH']}"}
    if names is not None:
        env["SAARANSH_FETCH_WEIGHTS"] = names
    done = subprocess.run(["sh", str(ROOT / "docker" / "entrypoint.sh"), *args], env=env,
                          capture_output=True, text=True, timeout=30)
    calls = (tmp_path / "calls").read_text().splitlines() if (tmp_path / "calls").exists() else []
    return done, calls


@pytest.mark.parametrize(
    ("args", "download_ok", "names", "calls", "says"),
    [
        (["fetch-weights"], True, "crosssum", ["download-weights crosssum"], "weights ready"),
        (["fetch-weights"], False, "crosssum", ["download-weights crosssum"], "offline"),
        (["fetch-weights", "a", "b"], True, None, ["download-weights a b"], "weights ready"),
        (["fetch-weights"], True, "", [], "no weights to fetch"),
    ],
)
def test_fetch_weights_always_exits_zero(tmp_path, args, download_ok, names, calls, says):
    done, made = run_entrypoint(tmp_path, args, download_ok=download_ok, names=names)
    assert done.returncode == 0
    assert made == calls and says in done.stderr


def test_entrypoint_execs_any_other_command(tmp_path):
    done, made = run_entrypoint(tmp_path, ["saaransh", "serve"], download_ok=True)
    assert done.returncode == 0 and made == ["serve"]


# -- docs/deploy.md against the files ----------------------------------------------------


@pytest.mark.parametrize("doc", DOC_FILES, ids=lambda p: p.name)
def test_docs_quick_start_matches_compose(doc):
    text = doc.read_text(encoding="utf-8")
    assert "docker compose up -d" in text
    published = SERVICES["saaransh"]["ports"][0]
    default_port = re.search(r"\$\{SAARANSH_PUBLISH_PORT:-(\d+)\}", published)
    url = re.search(r"curl -s (http://localhost:(\d+)(/\S+))", text)
    assert url and url.group(2) == default_port.group(1) and url.group(3) == "/v1/summaries"
    body = re.search(r"-d '(\{.*?\})'", text, re.DOTALL).group(1)
    assert isinstance(json.loads(body)["text"], str)


@pytest.mark.parametrize("doc", DOC_FILES, ids=lambda p: p.name)
def test_docs_name_only_real_services_and_profiles(doc):
    text = doc.read_text(encoding="utf-8")
    for profile, service in re.findall(r"docker compose --profile ([\w-]+) up -d ([\w-]+)", text):
        assert profile in SERVICES[service]["profiles"]
    named = re.findall(r"docker compose (?:run --rm|restart|logs -f) ([\w-]+)", text)
    assert set(named) <= set(SERVICES)
    assert "--profile cpu" in text


def test_docs_ray_table_matches_ray_settings():
    from saaransh.scale import RaySettings

    rows = dict(re.findall(r"\| `SAARANSH_RAY_(\w+)` \| ([^|]+) \|", DOCS))
    fields = RaySettings.model_fields
    assert {k.lower() for k in rows} == set(fields)
    for key, default in rows.items():
        value = fields[key.lower()].default
        if value is None:
            assert default.startswith("unset")
        else:
            assert float(default) == value, key


def test_docs_cli_flags_exist():
    import typer

    from saaransh.cli import app

    command = typer.main.get_command(app).commands["summarise"]
    options = {o for p in command.params for o in p.opts}
    calls = re.findall(r"saaransh summarise (?:[^\n]*\\\n)*[^\n]*", DOCS)
    flags = {f for call in calls for f in re.findall(r"--[a-z][a-z-]+", call)}
    assert {"--engine", "--ray-address", "--num-gpus-per-worker"} <= flags
    assert flags <= options
