"""`saaransh`: the command-line door onto the engine (analyse, summarise, feeds, serve, eval)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from dataclasses import replace
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from .errors import SaaranshError, error_record
from .settings import RaySettings, Settings

log = logging.getLogger(__name__)

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
eval_app = typer.Typer(no_args_is_help=True, help="Score summaries or clusters against gold.")
app.add_typer(eval_app, name="eval")

PathsArg = Annotated[list[Path], typer.Argument(help=".txt, .html, .jsonl files or directories")]


class Backend(StrEnum):
    auto = "auto"
    extractive = "extractive"
    seq2seq = "seq2seq"


class EngineKind(StrEnum):
    local = "local"
    ray = "ray"


class Runtime(StrEnum):
    transformers = "transformers"
    ctranslate2 = "ctranslate2"


# Documents per model call of the local file job; Ray's is settings.ray.batch_size.
LOCAL_BATCH_SIZE = 16


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _reference(value: str | None) -> str | None:
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from None


def _ray_env(name: str) -> str:
    """--help's default for a Ray option that falls back to `Settings().ray`."""
    return f"{RaySettings.model_fields[name].default}; env SAARANSH_RAY_{name.upper()}"


def _env(name: str, shown: object = None) -> str:
    """--help's default for an option that falls back to a Settings field."""
    value = Settings.model_fields[name].default if shown is None else shown
    return f"{value}; env SAARANSH_{name.upper()}"


RuntimeOpt = Annotated[
    Runtime | None, typer.Option(help="Seq2seq engine.", show_default=_env("runtime"))
]
LangOption = Annotated[list[str] | None, typer.Option(
    help="Target language; repeat.", show_default=_env("target_langs", "en hi"))]
ReferenceDate = Annotated[
    str | None,
    typer.Option(callback=_reference, help="YYYY-MM-DD; gives a year to dates written without one.",
                 show_default="none: such dates stay undated"),
]


@app.command()
def analyse(
    paths: PathsArg,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    reference_date: ReferenceDate = None,
) -> None:
    """Clean and analyse articles: text, sentences, language and code-mixing, date."""
    from .jobs.readers import ReadError, read_paths
    from .pipeline import analyse as analyse_doc

    failures = 0
    for item in read_paths(paths):
        try:
            if isinstance(item, ReadError):
                raise SaaranshError(item.message)
            article = analyse_doc(replace(item, reference_date=reference_date))
        except SaaranshError as exc:
            failures += 1
            _err(f"{item.source or item.id}: {exc}")
            if as_json:
                typer.echo(json.dumps(error_record(item.id, exc), ensure_ascii=False))
            continue
        record = article.to_analysis_dict()
        if as_json:
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            lang = article.language
            typer.echo(
                f"{article.id}\t{lang.primary}/{lang.script}\tcmi={lang.cmi:.1f}"
                f"\tcode_mixed={lang.code_mixed}\t{record['published_at']}"
                f"\t{len(article.sentences)} sentences\t{article.title or ''}"
            )
    raise typer.Exit(1 if failures else 0)


@app.command()
def summarise(
    paths: PathsArg,
    out: Annotated[Path | None, typer.Option(help="JSON Lines output (resumable).",
                                             show_default="stdout")] = None,
    lang: LangOption = None,
    backend: Annotated[Backend | None, typer.Option(help="Summariser backend.",
                                                    show_default=_env("backend"))] = None,
    model: Annotated[str | None, typer.Option(
        help="Registry name, folder or hub id.", show_default=_env("model", "registry's"))] = None,
    cluster: Annotated[bool, typer.Option(help="Group articles into events, kept in the events "
                                          "store (printed on stderr).")] = False,
    reference_date: ReferenceDate = None,
    engine: Annotated[EngineKind, typer.Option(help="local or ray.")] = EngineKind.local,
    batch_size: Annotated[int | None, typer.Option(
        min=1, help="Articles per model call (per actor with --engine ray).",
        show_default=f"{LOCAL_BATCH_SIZE}; with ray, {_ray_env('batch_size')}")] = None,
    ray_address: Annotated[str | None, typer.Option(
        help="Ray cluster address.",
        show_default="a local instance; env SAARANSH_RAY_ADDRESS")] = None,
    num_workers: Annotated[int | None, typer.Option(
        min=1, help="Ray model actors.", show_default=_ray_env("num_workers"))] = None,
    num_gpus_per_worker: Annotated[float | None, typer.Option(
        min=0, help="GPUs per actor.", show_default=_ray_env("num_gpus_per_worker"))] = None,
    runtime: RuntimeOpt = None,
) -> None:
    """Write an English and a Hindi summary of every article (and event, with --cluster)."""
    from . import jobs
    from .factory import build_engine, choose_backend, store_location
    from .jobs.readers import ReadError, read_paths

    overrides: dict[str, Any] = {}
    if backend:
        overrides["backend"] = backend.value
    if model:
        overrides["model"] = model
    if runtime:
        overrides["runtime"] = runtime.value
    ray_overrides = {"address": ray_address, "num_workers": num_workers,
                     "num_gpus_per_worker": num_gpus_per_worker, "batch_size": batch_size}
    ray_overrides = {k: v for k, v in ray_overrides.items() if v is not None}
    settings = Settings(**overrides)
    if ray_overrides:  # flags win over SAARANSH_RAY_*, field by field
        settings.ray = settings.ray.model_copy(update=ray_overrides)
    langs = _langs(lang, settings)
    choice = choose_backend(settings)
    _err(f"backend: {choice.kind}{f' ({choice.model})' if choice.model else ''} - {choice.reason}")

    if cluster and engine is EngineKind.ray:
        raise typer.BadParameter("--cluster runs with --engine local", param_hint="--cluster")
    sink = jobs.JsonlSink(out, replace_types=frozenset({"cluster"}) if cluster else frozenset())
    process: jobs.ChunkProcessor
    clusterer: jobs.ClusteringProcessor | None = None
    chunk = batch_size or LOCAL_BATCH_SIZE
    if engine is EngineKind.ray:
        from .scale.ray_batch import RayChunkProcessor

        ray_process = RayChunkProcessor(settings, langs)
        process, chunk = ray_process, ray_process.chunk_size  # a full batch per actor
    else:
        eng = build_engine(settings, choice)
        if cluster:
            from .factory import build_events

            _err(f"events store: {store_location(settings)}")
            events = build_events(settings, eng)
            clusterer = jobs.ClusteringProcessor(eng, events, langs, sink.done)
            process = clusterer
        else:
            process = partial(jobs.summarise_chunk, eng, langs=langs)

    from tqdm import tqdm

    with tqdm(desc="summarising", unit="article", file=sys.stderr,
              disable=not sys.stderr.isatty()) as bar:
        docs = (d if isinstance(d, ReadError) else replace(d, reference_date=reference_date)
                for d in read_paths(paths))
        totals = jobs.run(docs, sink, process, batch_size=chunk, progress=bar)
    if clusterer is not None:
        for record in clusterer.cluster_records():
            sink.write(record)
    sink.close()
    _err(totals.line())


def _langs(given: list[str] | None, settings: Settings) -> list[str]:
    langs = given or list(settings.target_langs)
    bad = sorted(set(langs) - {"en", "hi"})
    if bad:
        raise typer.BadParameter(
            f"unsupported language(s) {bad}; choose from en, hi", param_hint="--lang"
        )
    return list(dict.fromkeys(langs))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address.",
                                             show_default=_env("host"))] = None,
    port: Annotated[int | None, typer.Option(help="Port.", show_default=_env("port"))] = None,
    runtime: RuntimeOpt = None,
) -> None:
    """Run the REST API (uvicorn) with dynamic batching, the web page at / and, when
    $SAARANSH_FEEDS is set, the feed follower."""
    from sqlalchemy.engine import make_url

    from .api.server import run
    from .store.db import database_problem

    overrides: dict[str, Any] = {"host": host, "port": port, "runtime": runtime}
    overrides = {k: v for k, v in overrides.items() if v is not None}
    settings = Settings(**overrides)
    url = settings.resolved_database_url()
    problem = database_problem(url)
    if problem is not None:
        # One line that says what and where, instead of a startup traceback.
        where = make_url(url).render_as_string(hide_password=True)
        _err(f"saaransh serve: cannot reach the database {where} ({problem}); "
             "check SAARANSH_DATABASE_URL")
        raise typer.Exit(1)
    run(settings)


@app.command()
def feeds(
    sources: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs or files.")],
    once: Annotated[bool, typer.Option(help="One pass over the feeds, then exit.")] = False,
    interval: Annotated[float | None, typer.Option(
        min=1, help="Seconds between passes.", show_default=_env("feed_interval_s"))] = None,
    out: Annotated[Path | None, typer.Option(help="JSON Lines output; its ids count as seen.",
                                             show_default="stdout")] = None,
    lang: LangOption = None,
) -> None:
    """Follow RSS/Atom feeds: fetch each new item's page, then summarise, cluster and store
    it as `summarise --cluster` does. Items already in --out or in the store are skipped."""
    from .feeds.command import follow

    overrides: dict[str, Any] = {"feed_interval_s": interval} if interval else {}
    settings = Settings(**overrides)
    raise typer.Exit(follow(sources, settings, _langs(lang, settings), out=out, once=once))


@app.command("download-weights")
def download_weights(
    names: Annotated[list[str] | None, typer.Argument(
        help="Registry names.", show_default="the registry's default summariser only")] = None,
    everything: Annotated[bool, typer.Option(
        "--all", help="Every model in the registry (many GB, aya-101 included).")] = False,
) -> None:
    """Fetch model weights into models/ (needs the Hugging Face hub). With no names, only
    the default summariser; --all for every registry model."""
    from .summarise.download import download_weights as fetch

    settings = Settings()
    if names and everything:
        raise typer.BadParameter("give names or --all, not both", param_hint="--all")
    for path in fetch(names or [], settings, everything=everything):
        typer.echo(str(path))


class ComputeType(StrEnum):  # Settings.compute_type's values
    auto = "auto"
    int8 = "int8"
    int8_float32 = "int8_float32"
    int8_bfloat16 = "int8_bfloat16"
    int8_float16 = "int8_float16"
    bfloat16 = "bfloat16"
    float16 = "float16"
    float32 = "float32"


@app.command()
def convert(
    name_or_dir: Annotated[str, typer.Argument(help="Registry name, folder or hub id.")],
    compute_type: Annotated[
        ComputeType | None,
        typer.Option(help="Default: SAARANSH_COMPUTE_TYPE (auto: int8 CPU, int8_bfloat16 CUDA)."),
    ] = None,
) -> None:
    """Convert a seq2seq checkpoint for --runtime ctranslate2 ahead of time; prints its folder."""
    from .summarise.seq2seq.ct2_runtime import convert_checkpoint

    overrides: dict[str, Any] = {"compute_type": compute_type.value} if compute_type else {}
    typer.echo(str(convert_checkpoint(name_or_dir, Settings(**overrides))))


@eval_app.command("summaries")
def eval_summaries(file: Path) -> None:
    """ROUGE-1/2/L of records that carry `references` {lang: text}."""
    from .eval.evaluate import evaluate_summaries

    typer.echo(json.dumps(evaluate_summaries(_read_jsonl(file)), indent=2))


@eval_app.command("clusters")
def eval_clusters(
    file: Path,
    gold: Annotated[
        Path | None, typer.Option(help="JSON Lines of `id`, `event` (\"none\": a singleton).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Pairwise and BCubed P/R/F1 of `summarise --cluster` output against gold events (from
    --gold, else each record's `event`), Hindi+English cohesion, the worst splits and merges."""
    from .eval.cluster_eval import evaluate_files

    try:
        typer.echo(evaluate_files(file, gold, as_json=as_json))
    except SaaranshError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None


def _read_jsonl(file: Path) -> list[dict]:
    lines = file.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def main() -> None:
    """The console script: every failure ends in one line on stderr, never a traceback."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except SaaranshError as exc:
        _err(f"error: {exc}")
        raise SystemExit(2) from None
    except OSError as exc:  # a missing or unreadable file, a refused connection
        where = f"{exc.filename}: " if exc.filename else ""
        _err(f"error: {where}{exc.strerror or exc}")
        raise SystemExit(2) from None
    except ValueError as exc:  # malformed input (JSON, dates) the command did not catch
        _err(f"error: {type(exc).__name__}: {exc}")
        raise SystemExit(2) from None
    except Exception as exc:  # noqa: BLE001 - a bug; the log holds the traceback
        log.debug("unexpected failure", exc_info=True)
        _err(f"error: unexpected {type(exc).__name__}: {exc}")
        raise SystemExit(1) from None
