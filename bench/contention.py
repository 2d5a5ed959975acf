"""Contention: 200 members register at the same moment for an event with
16 seats, over HTTP. Exactly 16 must be confirmed, the rest on the waiting
list, and no request may fail.

``prepare`` and ``check`` run with Django, in the benchmark database; the
rush itself (``rush``) only speaks HTTP.
"""

import asyncio
import time
from datetime import timedelta

from bench.load import HOST, Connection, build_request, proxy_headers

SEATS = 16
PEOPLE = 200
SLUG = "bench-ansturm"


def prepare(*, people=PEOPLE, seats=SEATS):
    """The event and a logged-in session for each of ``people`` members
    who have not registered for it."""
    from django.utils import timezone

    from bench.sessions import session_for
    from events.models import Event
    from members.models import User

    now = timezone.now()
    Event.objects.filter(slug=SLUG).delete()
    event = Event.objects.create(
        title="Fachtag: Ansturm auf 16 Plätze",
        slug=SLUG,
        kind=Event.Kind.FACHTAG,
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=6),
        venue_name="Kongresszentrum Dresden",
        region=Event.Region.STATEWIDE,
        audience=Event.Audience.MEMBERS,
        capacity=seats,
        status=Event.Status.PUBLISHED,
    )
    members = (
        User.objects.network_members()
        .filter(is_staff=False, is_superuser=False)
        .order_by("pk")[:people]
    )
    return {
        "event": event.get_absolute_url(),
        "register": f"{event.get_absolute_url()}register/",
        "sessions": [session_for(member) for member in members],
        "seats": seats,
    }


def check(prepared):
    from events.models import Event, Registration

    event = Event.objects.get(slug=SLUG)
    statuses = {}
    for status in Registration.objects.filter(event=event).values_list("status", flat=True):
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "confirmed": statuses.get(Registration.Status.CONFIRMED, 0),
        "waitlisted": statuses.get(Registration.Status.WAITLISTED, 0),
        "registrations": sum(statuses.values()),
    }


async def _rush(port, prepared):
    host = f"{HOST}:{port}"
    # The proxy's headers, and the origin a browser sends with a form.
    headers = {**proxy_headers(), "Origin": f"https://{host}"}
    connections = [Connection(port) for _ in prepared["sessions"]]

    async def page(connection, session):
        """The event page, as the person opens it: its CSRF cookie."""
        raw = build_request(
            "GET", prepared["event"], host=host, headers=headers, cookies={"sessionid": session}
        )
        response = await connection.request(raw)
        return response.status, response.cookies.get("csrftoken", "")

    opened = await asyncio.gather(
        *(
            page(connection, session)
            for connection, session in zip(connections, prepared["sessions"], strict=True)
        )
    )
    # Fresh connections, opened before the start, so that all posts leave together.
    for connection in connections:
        await connection.close()
        connection.reader, connection.writer = await asyncio.open_connection(HOST, port)
    start = asyncio.Event()

    async def register(connection, session, token):
        body = f"csrfmiddlewaretoken={token}&note=&on_attendee_list=on".encode()
        raw = build_request(
            "POST",
            prepared["register"],
            host=host,
            headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
            cookies={"sessionid": session, "csrftoken": token},
            body=body,
        )
        await start.wait()
        sent = time.perf_counter()
        try:
            response = await connection.request(raw)
        except (ConnectionError, OSError, asyncio.IncompleteReadError, ValueError):
            return None, time.perf_counter() - sent
        finally:
            await connection.close()
        return response.status, time.perf_counter() - sent

    tasks = [
        asyncio.create_task(register(connection, session, token))
        for connection, session, (_status, token) in zip(
            connections, prepared["sessions"], opened, strict=True
        )
    ]
    await asyncio.sleep(0.2)
    began = time.perf_counter()
    start.set()
    answers = await asyncio.gather(*tasks)
    seconds = time.perf_counter() - began
    statuses = {}
    for status, _latency in answers:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {
        "page_statuses": sorted({status for status, _token in opened}),
        "post_statuses": statuses,
        "seconds": round(seconds, 3),
        "slowest_ms": round(max(latency for _status, latency in answers) * 1000, 1),
    }


def rush(port, prepared):
    return asyncio.run(_rush(port, prepared))
