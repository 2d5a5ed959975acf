"""The asyncio HTTP client against a tiny server on loopback."""

import asyncio

import pytest

from bench import load

BODY = b"<p>Hallo</p>"


async def _serve(reader, writer):
    """Keeps the connection for /keep/, closes after /close/, answers
    /chunked/ in chunks and everything else with a 404."""
    try:
        while True:
            request = await reader.readuntil(b"\r\n\r\n")
            path = request.split(b" ")[1]
            if path == b"/chunked/":
                head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                writer.write(head + b"5\r\nHallo\r\n3\r\n Du\r\n0\r\n\r\n")
            elif path in (b"/keep/", b"/close/"):
                close = b"Connection: close\r\n" if path == b"/close/" else b""
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n" % len(BODY)
                    + b"Set-Cookie: csrftoken=abc123; Path=/; Secure\r\n"
                    + close
                    + b"\r\n"
                    + BODY
                )
                if close:
                    await writer.drain()
                    break
            else:
                writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


def _with_server(scenario):
    async def main():
        server = await asyncio.start_server(_serve, load.HOST, 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            return await scenario(port)

    return asyncio.run(main())


def test_the_client_reads_bodies_cookies_and_chunks():
    async def scenario(port):
        connection = load.Connection(port)
        host = f"{load.HOST}:{port}"
        kept = await connection.request(load.build_request("GET", "/keep/", host=host))
        chunked = await connection.request(load.build_request("GET", "/chunked/", host=host))
        closed = await connection.request(load.build_request("GET", "/close/", host=host))
        reopened = await connection.request(load.build_request("GET", "/keep/", host=host))
        await connection.close()
        return kept, chunked, closed, reopened

    kept, chunked, closed, reopened = _with_server(scenario)
    assert (kept.status, kept.body, kept.cookies) == (200, BODY, {"csrftoken": "abc123"})
    assert not kept.close
    assert chunked.body == b"Hallo Du"
    assert closed.close
    assert reopened.status == 200  # a new connection after the server closed the last


@pytest.mark.parametrize("path", ["/keep/", "/close/"])
def test_hammering_counts_every_answer_and_its_status(path):
    async def scenario(port):
        good = await load.hammer(port, path, seconds=0.3, connections=3)
        missing = await load.hammer(port, "/missing/", seconds=0.2, connections=2)
        return good, missing

    good, missing = _with_server(scenario)
    summary = good.summary()
    assert summary["requests"] > 10
    assert summary["statuses"] == {"200": summary["requests"]}
    assert summary["errors"] == 0
    assert summary["rps"] > 0 and summary["p95_ms"] >= summary["p50_ms"]
    assert set(missing.summary()["statuses"]) == {"404"}


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 101))
    assert load.percentile(values, 0.95) == 95
    assert load.percentile(values, 0.5) == 50
    assert load.percentile([7], 0.95) == 7
    assert load.percentile([], 0.95) is None


def test_the_load_sends_the_cookies_the_portal_reads(settings):
    cookies = load.cookies_for("key")
    assert cookies[settings.SESSION_COOKIE_NAME] == "key"
    secret = cookies[settings.CSRF_COOKIE_NAME]
    assert len(secret) == 32 and secret.isalnum()
