"""Server time in the benchmark's process: each key page through Django's
test client (no network, no server), its median and 95th percentile as a
visitor who comes back gets it (from the page cache where the page may be
kept) and rendered afresh (the page cache off: what the first visit and
every visit after a change cost), and a profile of the slowest rendered
page that says where the time goes."""

import cProfile
import pstats
import statistics
import time
from pathlib import Path

from bench.load import percentile
from bench.queries import client_for, get, rendered

REPO = str(Path(__file__).resolve().parent.parent)

# Where a function's own time goes, by the file it is in; the first match wins.
CATEGORIES = [
    ("sql", ("psycopg", "/django/db/backends/", "sqlite3")),
    ("orm", ("/django/db/models/", "/django/db/utils")),
    ("templates", ("/django/template/", "/templatetags/", "/django/forms/")),
    ("translation", ("/django/utils/translation/", "gettext")),
    (
        "middleware",
        ("middleware", "/django/contrib/sessions/", "/csp/", "/whitenoise/", "/allauth/"),
    ),
    ("portal code", (REPO + "/",)),
]
OTHER = "other"


MIN_REPEATS = 5


def measure(page, repeats=30, max_seconds=6.0):
    """Median and p95 of ``repeats`` requests, in milliseconds, after two
    requests that warm the caches and the session; a slow page stops
    after ``max_seconds`` (but not before ``MIN_REPEATS`` requests). Once
    as served (``median_ms``, ``p95_ms``), once rendered every time
    (``rendered_median_ms``, ``rendered_p95_ms``)."""
    served = _times(page, repeats, max_seconds)
    with rendered():
        fresh = _times(page, repeats, max_seconds)
    return {
        "status": served["status"],
        "median_ms": served["median_ms"],
        "p95_ms": served["p95_ms"],
        "repeats": served["repeats"],
        "rendered_median_ms": fresh["median_ms"],
        "rendered_p95_ms": fresh["p95_ms"],
    }


def _times(page, repeats, max_seconds):
    client = client_for(page.who)
    get(client, page.url)
    response = get(client, page.url)
    times = []
    deadline = time.perf_counter() + max_seconds
    while len(times) < repeats and (len(times) < MIN_REPEATS or time.perf_counter() < deadline):
        started = time.perf_counter()
        get(client, page.url)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "status": response.status_code,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "repeats": len(times),
    }


def category_of(filename):
    if "/site-packages/django/db/models/sql/compiler" in filename:
        return "orm"
    for category, markers in CATEGORIES:
        if category == "portal code" and "/site-packages/" in filename:
            continue  # a virtual environment inside the project's folder
        if any(marker in filename for marker in markers):
            return category
    return OTHER


def profile(page, repeats=10, max_seconds=15.0):
    """Where the time of ``repeats`` requests of ``page``, rendered (the page
    cache off), goes: the own time
    of every function, summed by category (sql: the database driver and
    Django's backend, i.e. waiting for and reading results; orm: building
    queries and objects; templates; translation; middleware; portal code),
    and the functions with the most cumulative time."""
    with rendered():
        return _profile(page, repeats, max_seconds)


def _profile(page, repeats, max_seconds):
    client = client_for(page.who)
    get(client, page.url)
    profiler = cProfile.Profile()
    deadline = time.perf_counter() + max_seconds
    done = 0
    profiler.enable()
    while done < repeats and (done < 3 or time.perf_counter() < deadline):
        get(client, page.url)
        done += 1
    profiler.disable()
    repeats = done
    stats = pstats.Stats(profiler)
    categories, other_files = {}, {}
    total = 0.0
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        category = category_of(filename)
        categories[category] = categories.get(category, 0.0) + own
        if category == OTHER:
            other_files[_short(filename)] = other_files.get(_short(filename), 0.0) + own
        total += own
    by_own = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)
    # Cumulative time below the request handling (the outer frames all
    # take the whole time and say nothing).
    inner = [item for item in stats.stats.items() if item[1][3] < 0.6 * total]
    by_cumulative = sorted(inner, key=lambda item: item[1][3], reverse=True)
    return {
        "page": page.key,
        "repeats": repeats,
        "ms_per_request": round(total * 1000 / repeats, 2),
        "categories": {
            category: {
                "ms_per_request": round(seconds * 1000 / repeats, 2),
                "share": round(seconds / total, 3) if total else 0,
            }
            for category, seconds in sorted(categories.items(), key=lambda item: -item[1])
        },
        "other_files": {
            name: round(seconds * 1000 / repeats, 2)
            for name, seconds in sorted(other_files.items(), key=lambda item: -item[1])[:10]
        },
        "top_own_time": _functions(by_own[:15], repeats),
        "top_functions": _functions(by_cumulative[:20], repeats),
    }


def _functions(items, repeats):
    return [
        {
            "function": f"{_short(filename)}:{line}({name})",
            "own_ms": round(own * 1000 / repeats, 2),
            "cumulative_ms": round(cumulative * 1000 / repeats, 2),
            "calls_per_request": round(calls / repeats, 1),
        }
        for (filename, line, name), (_cc, calls, own, cumulative, _callers) in items
    ]


def _short(filename):
    for marker in ("site-packages/", REPO + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def measure_all(pages, repeats=30, profile_repeats=10):
    timings = {page.key: measure(page, repeats) for page in pages}
    slowest = max(pages, key=lambda page: timings[page.key]["rendered_median_ms"])
    return {"pages": timings, "profile": profile(slowest, profile_repeats)}
