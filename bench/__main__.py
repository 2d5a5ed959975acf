"""``python -m bench``: the whole benchmark (see README.md, "Benchmark").

Each step that needs Django runs in its own process (``python -m bench
phase …``) against one throwaway database, with the production-like
environment of ``bench.environment``; this process only orchestrates,
drives the load over HTTP and writes the report. It exits 0 when the run
completed – the targets are reported, not asserted.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import environment, report

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    parser.add_argument("--duration", type=float, default=3.0, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--repeats", type=int, default=30, help="in-process requests per page")
    parser.add_argument("--quick", action="store_true", help="1 s of load and 10 requests per page")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--results", type=Path, default=RESULTS)
    subparsers = parser.add_subparsers(dest="command")
    phase = subparsers.add_parser("phase", help="one step, inside the database of DATABASE_URL")
    phase.add_argument("name", choices=sorted(PHASES))
    phase.add_argument("--scale", type=float, default=1)
    phase.add_argument("--seed", type=int, default=13)
    phase.add_argument("--repeats", type=int, default=30)
    phase.add_argument("--input", type=Path)
    phase.add_argument("--output", type=Path, required=True)
    return parser.parse_args(argv)


# The steps that run with Django.


def _phase_generate(args):
    from bench.generate import generate

    result = generate(scale=args.scale, seed=args.seed)
    return {"scale": result.scale, "seconds": result.seconds, "counts": result.counts}


def _phase_queries(args):
    from bench.pages import key_pages
    from bench.queries import collect

    pages = key_pages()
    return {"pages": [page.as_dict() for page in pages], "counts": collect(pages)}


def _phase_timing(args):
    from bench.pages import key_pages
    from bench.timing import measure_all

    return measure_all(key_pages(), repeats=args.repeats, profile_repeats=max(5, args.repeats // 3))


def _phase_explain(args):
    from bench.explain import explain
    from bench.pages import key_pages

    counted = json.loads(args.input.read_text())["counts"]
    return explain(key_pages(), counted)


def _phase_sessions(args):
    from bench.page import MEMBER, STAFF
    from bench.pages import key_pages, user_for
    from bench.sessions import session_for

    return {
        "pages": [page.as_dict() for page in key_pages()],
        "sessions": {who: session_for(user_for(who)) for who in (MEMBER, STAFF)},
    }


def _phase_contention_prepare(args):
    from bench import contention

    return contention.prepare()


def _phase_contention_check(args):
    from bench import contention

    return contention.check(json.loads(args.input.read_text()))


PHASES = {
    "generate": _phase_generate,
    "queries": _phase_queries,
    "timing": _phase_timing,
    "explain": _phase_explain,
    "sessions": _phase_sessions,
    "contention-prepare": _phase_contention_prepare,
    "contention-check": _phase_contention_check,
}


def run_phase(args):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    result = PHASES[args.name](args)
    args.output.write_text(json.dumps(result, indent=1, default=str))


# The orchestration.


class Run:
    def __init__(self, args):
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="asskomm-bench-"))
        self.server = environment.database_server()
        self.env = environment.production(static_root=self.work / "static")
        self.log = self.work / "gunicorn.log"
        self.step_number = 0

    def say(self, text):
        print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)

    def phase(self, name, database, **options):
        self.step_number += 1
        output = self.work / f"{self.step_number:02d}-{name}.json"
        command = [sys.executable, "-m", "bench", "phase", name, "--output", str(output)]
        for option, value in options.items():
            command += [f"--{option}", str(value)]
        env = {**self.env, "DATABASE_URL": environment.database_url(self.server, database)}
        if name == "generate":
            env["DJANGO_DB_STATEMENT_TIMEOUT"] = "0"
        subprocess.run(command, cwd=REPO, env=env, check=True)  # noqa: S603
        return json.loads(output.read_text())

    def manage(self, database, *arguments):
        env = {**self.env, "DATABASE_URL": environment.database_url(self.server, database)}
        env["DJANGO_DB_STATEMENT_TIMEOUT"] = "0"
        subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "manage.py", *arguments], cwd=REPO, env=env, check=True
        )

    def execute(self):
        args = self.args
        duration = 1.0 if args.quick else args.duration
        repeats = 10 if args.quick else args.repeats
        scales = sorted(args.scales)
        largest = scales[-1]
        started = time.monotonic()
        data = {
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": environment.machine(),
            "scales": scales,
            "generation": {},
            "queries": {},
        }
        self.say("collectstatic into " + str(self.work / "static"))
        self.manage(environment.TEMPLATE, "collectstatic", "--noinput", "-v", "0")
        self.say("migrating the template database")
        environment.recreate(self.server, environment.TEMPLATE)
        self.manage(environment.TEMPLATE, "migrate", "--noinput", "-v", "0")
        environment.flush_cache()
        for scale in scales:
            database = environment.database_name(scale)
            environment.recreate(self.server, database, template=environment.TEMPLATE)
            self.say(f"{scale:g}×: generating into {database}")
            data["generation"][str(scale)] = generated = self.phase(
                "generate", database, scale=scale, seed=args.seed
            )
            self.say(f"{scale:g}×: {generated['seconds']} s; counting queries")
            data["queries"][str(scale)] = self.phase("queries", database)
            environment.flush_cache()
        database = environment.database_name(largest)
        counted = self.work / "queries-largest.json"
        counted.write_text(json.dumps(data["queries"][str(largest)]))
        self.say(f"{largest:g}×: server time in process")
        data["timing"] = self.phase("timing", database, repeats=repeats)
        self.say(f"{largest:g}×: EXPLAIN of the lists and the search")
        data["explain"] = self.phase("explain", database, input=counted)
        data["load"] = self.load(database, duration)
        data["contention"] = self.contention(database)
        data["seconds"] = round(time.monotonic() - started, 1)
        for scale in scales:  # the SQL was for EXPLAIN; the JSON keeps the counts
            for figures in data["queries"][str(scale)]["counts"].values():
                figures.pop("sql", None)
        return data

    def load(self, database, duration):
        from bench import load
        from bench.page import Page

        self.say(f"load: gunicorn, {self.args.workers} workers, {duration:g} s per page")
        prepared = self.phase("sessions", database)
        pages = [Page(page["name"], page["who"], page["url"]) for page in prepared["pages"]]
        environment.flush_cache()
        return load.run(
            {**self.env, "DATABASE_URL": environment.database_url(self.server, database)},
            pages,
            prepared["sessions"],
            seconds=duration,
            connections=self.args.connections,
            workers=self.args.workers,
            log_path=self.log,
        )

    def contention(self, database):
        from bench import contention, load

        self.say(f"contention: {contention.PEOPLE} registrations for {contention.SEATS} seats")
        prepared = self.phase("contention-prepare", database)
        prepared_file = self.work / "contention.json"
        prepared_file.write_text(json.dumps(prepared))
        env = {**self.env, "DATABASE_URL": environment.database_url(self.server, database)}
        # Enough threads that the registrations really meet in the database.
        with load.Gunicorn(env, workers=self.args.workers, threads=8, log_path=self.log) as server:
            result = contention.rush(server.port, prepared)
            result["server"] = server.settings
        result.update(self.phase("contention-check", database, input=prepared_file))
        result["seats"] = prepared["seats"]
        result["people"] = len(prepared["sessions"])
        return result


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.command == "phase":
        run_phase(args)
        return 0
    run = Run(args)
    data = run.execute()
    summary = report.write(data, args.results)
    print(report.console(data, summary))
    run.say(f"written: {summary['files']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
