"""Throughput under load: the portal under gunicorn on loopback, driven by
an HTTP/1.1 keep-alive client written on asyncio streams.

No Django here: the client only speaks HTTP. gunicorn's sync workers close
the connection after each response; the client then opens a new one, as a
browser would, and the bare view pays the same price.
"""

import asyncio
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


@dataclass
class Response:
    status: int
    headers: dict  # lower-case name -> last value
    cookies: dict  # from Set-Cookie
    body: bytes
    close: bool


@dataclass
class Tally:
    """What a run of requests of one page found."""

    latencies: list = field(default_factory=list)  # seconds, of every completed request
    statuses: dict = field(default_factory=dict)  # status -> count
    errors: int = 0  # broken connections, unreadable answers
    seconds: float = 0.0

    def add(self, status, latency):
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.latencies.append(latency)

    def summary(self):
        count = len(self.latencies)
        return {
            "requests": count,
            "rps": round(count / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": _ms(percentile(self.latencies, 0.5)),
            "p95_ms": _ms(percentile(self.latencies, 0.95)),
            "statuses": {str(status): n for status, n in sorted(self.statuses.items())},
            "errors": self.errors,
            "seconds": round(self.seconds, 2),
        }


def percentile(values, share):
    """The nearest-rank percentile (``share`` 0.95 for p95); None of nothing."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = math.ceil(share * len(ordered))
    return ordered[max(0, min(len(ordered), rank) - 1)]


def _ms(seconds):
    return None if seconds is None else round(seconds * 1000, 2)


def build_request(method, path, *, host, headers=None, cookies=None, body=b""):
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: keep-alive"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if cookies:
        lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def read_response(reader):
    """Reads one response: the status line, the headers, and a body of
    Content-Length bytes or in chunks."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("the server closed the connection")
    version, status, *_reason = status_line.decode("latin-1").split(" ", 2)
    headers, cookies = {}, {}
    while True:
        line = (await reader.readline()).decode("latin-1").rstrip("\r\n")
        if not line:
            break
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        headers[name] = value
        if name == "set-cookie":
            cookie_name, _, rest = value.partition("=")
            cookies[cookie_name.strip()] = rest.split(";", 1)[0]
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = bytearray()
        while True:
            size = int((await reader.readline()).split(b";")[0].strip(), 16)
            if size == 0:
                await reader.readline()
                break
            body += await reader.readexactly(size)
            await reader.readline()
        body = bytes(body)
    elif "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    else:
        body = await reader.read()
        headers["connection"] = "close"
    close = headers.get("connection", "").lower() == "close" or version == "HTTP/1.0"
    return Response(int(status), headers, cookies, body, close)


class Connection:
    """One keep-alive connection that reconnects when the server closes it."""

    def __init__(self, port):
        self.port = port
        self.reader = self.writer = None

    async def request(self, raw):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        try:
            self.writer.write(raw)
            await self.writer.drain()
            response = await read_response(self.reader)
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            await self.close()
            raise
        if response.close:
            await self.close()
        return response

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except (ConnectionError, OSError):
                pass
        self.reader = self.writer = None


def proxy_headers():
    """What the TLS proxy in front of production adds."""
    return {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


async def hammer(port, path, *, seconds, connections, cookies=None):
    """Requests ``path`` over ``connections`` connections for ``seconds``;
    each connection sends its next request when the answer is in."""
    raw = build_request(
        "GET", path, host=f"{HOST}:{port}", headers=proxy_headers(), cookies=cookies
    )
    tally = Tally()
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = started + seconds

    async def worker():
        connection = Connection(port)
        try:
            while loop.time() < deadline:
                sent = loop.time()
                try:
                    response = await connection.request(raw)
                except (ConnectionError, OSError, asyncio.IncompleteReadError, ValueError):
                    tally.errors += 1
                    continue
                tally.add(response.status, loop.time() - sent)
        finally:
            await connection.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    tally.seconds = loop.time() - started
    return tally


def run_page(port, path, *, seconds, connections, cookies=None, warmup=0.5):
    """One page under load; a short warm-up first (worker caches, connections)."""
    if warmup:
        asyncio.run(hammer(port, path, seconds=warmup, connections=connections, cookies=cookies))
    return asyncio.run(
        hammer(port, path, seconds=seconds, connections=connections, cookies=cookies)
    ).summary()


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn serving the portal (``bench.settings``) on a loopback port."""

    def __init__(self, env, *, workers=2, threads=1, log_path=None):
        self.env = env
        self.workers = workers
        self.threads = threads
        self.port = free_port()
        self.log_path = log_path
        self.process = None

    @property
    def settings(self):
        return {"workers": self.workers, "threads": self.threads, "worker_class": self.worker_class}

    @property
    def worker_class(self):
        return "gthread" if self.threads > 1 else "sync"

    def __enter__(self):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        command = [
            str(gunicorn),
            "asskomm.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            self.worker_class,
            "--threads",
            str(self.threads),
            "--backlog",
            "2048",
            "--timeout",
            "60",
        ]
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            command, cwd=REPO, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        self._wait_until_ready()
        return self

    def _wait_until_ready(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn ended with {self.process.returncode}")
            try:
                status = asyncio.run(_status_of(self.port, "/healthz"))
            except OSError:
                status = None
            if status == 200:
                return
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


async def _status_of(port, path):
    connection = Connection(port)
    try:
        raw = build_request("GET", path, host=f"{HOST}:{port}", headers=proxy_headers())
        return (await connection.request(raw)).status
    finally:
        await connection.close()


# The cookies of a signed-in browser, named as the portal names them
# (Django's defaults: tests/bench/test_load.py), with the CSRF cookie a
# browser holds after its first page (a secret of 32 letters and digits), so
# that the pages' forms carry a token for it and the page cache may keep
# them, as it does for a person who comes back to a page.
SESSION_COOKIE, CSRF_COOKIE = "sessionid", "csrftoken"
BROWSER_CSRF_SECRET = secrets.token_hex(16)


def cookies_for(session_key):
    return {SESSION_COOKIE: session_key, CSRF_COOKIE: BROWSER_CSRF_SECRET}


def run(env, pages, sessions, *, seconds, connections, workers=2, log_path=None):
    """Every page under load, and the bare view before and after them (its
    better run is the limit). ``sessions`` maps who → session key.
    Returns the figures per page key and the server's settings."""
    from bench.page import BARE

    results = {}
    with Gunicorn(env, workers=workers, log_path=log_path) as server:

        def measure(page):
            cookies = cookies_for(sessions[page.who]) if page.who in sessions else None
            return run_page(
                server.port, page.url, seconds=seconds, connections=connections, cookies=cookies
            )

        bare_before = measure(BARE)
        for page in pages:
            results[page.key] = measure(page)
        bare_after = measure(BARE)
        settings = {**server.settings, "connections": connections, "seconds": seconds}
    bare = max(bare_before, bare_after, key=lambda figures: figures["rps"])
    bare["runs_rps"] = [bare_before["rps"], bare_after["rps"]]
    for figures in results.values():
        figures["ratio"] = round(figures["rps"] / bare["rps"], 3) if bare["rps"] else None
    return {"bare": bare, "pages": results, "server": settings}
