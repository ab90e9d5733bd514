"""Hostile input and faults against a real `saaransh serve` process (the offline extractive
backend): one table of each case's answer, its time, the server's peak RSS during it, and
whether normal requests sent while it ran were answered 200 within 15 s. Prints numbers;
never asserts.

    .venv/bin/python benchmarks/abuse.py [--quick] [--postgres URL]

--quick sends the normal requests 0.5/2/4/7 s into the long case instead of 2/20/40/70 s
and shortens the body deadline (SAARANSH_BODY_TIMEOUT_S) to 5 s. --postgres runs the
store in a throwaway schema of that database, behind a TCP proxy, and adds the database
cut (the shared server itself is never stopped).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
PROBE_LIMIT_S = 15.0
NORMAL = ("India announced a new scheme for farmers today. The government said it would "
          "start next month. Officials expect ten million families to benefit.")  # fmt: skip
HINDI_WORDS = "सरकार ने कहा किसानों को लाभ होगा बारिश बाढ़ शहर पुलिस अदालत मंत्री घोषणा".split()
ENGLISH_WORDS = ("the government said farmers would benefit from a new scheme after rain "
                 "flooded the city while police and the court heard the minister").split()


@dataclass
class Row:
    case: str
    status: str
    seconds: float
    rss_mb: float
    normal: str


class Server:
    """`saaransh serve` on a free port; `peak_rss_mb` samples /proc while a case runs."""

    def __init__(self, env: dict[str, str]) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.TemporaryFile("w+")
        cmd = [sys.executable, "-c", "from saaransh.cli import main; main()", "serve",
               "--host", "127.0.0.1", "--port", str(self.port)]  # fmt: skip
        self.proc = subprocess.Popen(cmd, env=os.environ | env, cwd=ROOT, stdout=self.log,
                                     stderr=subprocess.STDOUT, text=True)  # fmt: skip
        deadline = time.monotonic() + 300
        while not self._ready():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.log.seek(0)
                raise SystemExit(f"server did not start:\n{self.log.read()[-3000:]}")
            time.sleep(0.2)

    def _ready(self) -> bool:
        try:
            return httpx.get(f"{self.base}/readyz", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(60)


def post(base: str, body: dict, timeout: float = 120.0) -> httpx.Response:
    return httpx.post(f"{base}/v1/summaries", json=body, timeout=timeout)


def normal_request(base: str, delay_s: float, start: float) -> str:
    time.sleep(max(0.0, start + delay_s - time.monotonic()))
    sent = time.monotonic()
    try:
        status = str(post(base, {"text": NORMAL}, timeout=PROBE_LIMIT_S).status_code)
    except httpx.TimeoutException:
        status = "timeout"
    took = time.monotonic() - sent
    ok = "yes" if status == "200" and took <= PROBE_LIMIT_S else "NO"
    return f"+{delay_s:g}s: {status} in {took:.1f}s {ok}"


def run_case(server: Server, name: str, case: Callable[[str], str],
             probes: tuple[float, ...] = (0.5,)) -> Row:  # fmt: skip
    """Run `case`, with normal requests sent `probes` seconds after it starts."""
    peak, stop = [server.rss_mb()], threading.Event()

    def sample() -> None:
        while not stop.wait(0.1):
            peak.append(server.rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.monotonic()
    with ThreadPoolExecutor(len(probes) or 1) as pool:
        futures = [pool.submit(normal_request, server.base, d, start) for d in probes]
        status = case(server.base)
        seconds = time.monotonic() - start
        normal = "; ".join(f.result() for f in futures)
    stop.set()
    sampler.join()
    return Row(name, status, seconds, max(peak), normal or "-")


# -- the cases -----------------------------------------------------------------------


def text_case(text: str, **extra) -> Callable[[str], str]:
    def case(base: str) -> str:
        r = post(base, {"text": text, **extra})
        code = r.json().get("error", {}).get("code") if r.status_code != 200 else None
        return f"{r.status_code} {code}" if code else str(r.status_code)

    return case


def raw_case(payload: bytes, *, wait_for_close: bool = True) -> Callable[[str], str]:
    """Send raw bytes on a socket; the status line, or 'closed' if none came."""

    def case(base: str) -> str:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=120) as sock:
            try:
                sock.sendall(payload)
            except OSError:
                pass
            data = b""
            try:
                while chunk := sock.recv(65536):
                    data += chunk
                    if not wait_for_close:
                        break
            except OSError:
                pass
        line = data.split(b"\r\n", 1)[0].decode("latin-1")
        return line.removeprefix("HTTP/1.1 ") if line else "closed, no answer"

    return case


def flood_case(n: int) -> Callable[[str], str]:
    def case(base: str) -> str:
        def one(i: int) -> int:
            try:
                return post(base, {"text": f"{NORMAL} Flood {i}."}, timeout=60).status_code
            except httpx.TransportError:
                return 0

        with ThreadPoolExecutor(64) as pool:
            codes = list(pool.map(one, range(n)))
        counts = {c: codes.count(c) for c in sorted(set(codes))}
        return " ".join(f"{c}x{k}" for c, k in counts.items())

    return case


def database_cut_case(proxy) -> Callable[[str], str]:
    def case(base: str) -> str:
        proxy.cut()
        ready = httpx.get(f"{base}/readyz", timeout=10).status_code
        r = post(base, {"id": f"cut-{uuid.uuid4().hex[:6]}", "text": NORMAL})
        read = httpx.get(f"{base}/v1/clusters", timeout=10).status_code
        proxy.restore()
        back = httpx.get(f"{base}/readyz", timeout=10).status_code
        return f"readyz {ready}, POST {r.status_code}, GET {read}, readyz after {back}"

    return case


def real_sentences(chars: int) -> str:
    rng = random.Random(7)
    sentences = (" ".join(rng.choice(ENGLISH_WORDS) for _ in range(12)).capitalize() + "."
                 for _ in range(chars // 40))  # fmt: skip
    return " ".join(sentences)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--postgres", help="postgresql+psycopg://... (a throwaway schema)")
    args = parser.parse_args()
    probes = (0.5, 2, 4, 7) if args.quick else (2, 20, 40, 70)
    body_timeout = 5 if args.quick else 30
    data_dir = tempfile.mkdtemp(prefix="saaransh-abuse-")
    env = {"SAARANSH_BACKEND": "extractive", "SAARANSH_DATA_DIR": data_dir,
           "SAARANSH_BODY_TIMEOUT_S": str(body_timeout)}  # fmt: skip
    proxy = cleanup = None
    if args.postgres:
        proxy, env["SAARANSH_DATABASE_URL"], cleanup = _postgres(args.postgres)
    server = Server(env)
    hindi = " ".join(HINDI_WORDS[i % len(HINDI_WORDS)] for i in range(40_000))[:199_000]
    half = (b"POST /v1/summaries HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n" + b'{"text": "only half')  # fmt: skip
    cases: list[tuple[str, Callable[[str], str], tuple[float, ...]]] = [
        ('100k chars of "a."', text_case("a." * 50_000), probes),
        ("199k chars of unpunctuated Hindi", text_case(hindi), (2,)),
        ("100k chars of real sentences", text_case(real_sentences(100_000)), (2,)),
        ("one 150k-char word", text_case("क" * 150_000), (0.5,)),
        ("1 MB header", raw_case(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: "
                                 + b"a" * 1_000_000 + b"\r\n\r\n"), (0.5,)),  # fmt: skip
        ("half-sent body", raw_case(half), (0.5,)),
        ("request head never finished", raw_case(b"GET /healthz HTTP/1.1\r\nHost: t\r\n"),
         (0.5,)),
        ("10 MB body", text_case("a" * 10_000_000), (0.5,)),
        ("JSON nested 100k deep", raw_case(_raw_post(b"[" * 100_000 + b"]" * 100_000),
                                           wait_for_close=False), (0.5,)),  # fmt: skip
        ("lone-surrogate id", raw_case(_raw_post(b'{"text": "ok text.", "id": "x\\ud800"}'),
                                       wait_for_close=False), ()),  # fmt: skip
        ("id nul\\u0000id", text_case(NORMAL, id="nul\x00id"), ()),
        ("flood: 300 concurrent", flood_case(300), (1,)),
    ]
    if proxy is not None:
        cases.append(("database cut while serving", database_cut_case(proxy), (0.5,)))
    rows = []
    try:
        for name, case, at in cases:
            rows.append(run_case(server, name, case, at))
            print(f"done: {name}", file=sys.stderr)
    finally:
        server.stop()
        if cleanup is not None:
            cleanup()
    _print(rows, args)


def _raw_post(body: bytes) -> bytes:
    head = (f"POST /v1/summaries HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n")  # fmt: skip
    return head.encode() + body


def _postgres(url: str):
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tcp_proxy import TcpProxy

    schema = f"saaransh_abuse_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    parsed = make_url(url)
    proxy = TcpProxy((parsed.host or "127.0.0.1", parsed.port or 5432))
    proxied = parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(False)

    def cleanup() -> None:
        proxy.cut()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))

    return proxy, f"{proxied}?options=-csearch_path%3D{schema}", cleanup


def _print(rows: list[Row], args: argparse.Namespace) -> None:
    print(f"normal request: {len(NORMAL)} chars, must be 200 within {PROBE_LIMIT_S:g} s; "
          f"{os.cpu_count()} CPUs{'; --quick' if args.quick else ''}")  # fmt: skip
    print("| case | status | time | server RSS | normal requests during it (sent at) |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r.case} | {r.status} | {r.seconds:.1f} s | {r.rss_mb:.0f} MB | {r.normal} |")
    json.dump([r.__dict__ for r in rows], sys.stderr)
    print(file=sys.stderr)


if __name__ == "__main__":
    main()
