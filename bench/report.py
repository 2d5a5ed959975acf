"""The benchmark's output: the targets of issue 13 checked against the
figures, a table on the console, a JSON file with every figure and an SVG
chart of the throughput ratios and load latencies."""

import json
import time
from html import escape
from pathlib import Path

QUERY_BUDGET = 10
PUBLIC_RATIO = 0.5
MEMBER_RATIO = 0.2
P95_MS = 100
SEARCH_P95_MS = 150


def _is_public(key):
    return key.endswith("(anonymous)")


def p95_target(key):
    return SEARCH_P95_MS if key.startswith("search ") else P95_MS


def ratio_target(key):
    return PUBLIC_RATIO if _is_public(key) else MEMBER_RATIO


def targets(data):
    """Each target of the issue: met or not, and what misses it."""
    scales = [str(scale) for scale in data["scales"]]
    counts = {scale: data["queries"][scale]["counts"] for scale in scales}
    keys = list(counts[scales[-1]])
    unequal = [key for key in keys if len({counts[scale][key]["queries"] for scale in scales}) > 1]
    over_budget = [key for key in keys if counts[scales[-1]][key]["queries"] > QUERY_BUDGET]
    not_ok = [key for key in keys for scale in scales if counts[scale][key]["status"] != 200]
    load = data.get("load", {}).get("pages", {})
    slow_ratio = [key for key, f in load.items() if (f["ratio"] or 0) < ratio_target(key)]
    slow_p95 = [
        key for key, f in load.items() if f["p95_ms"] is None or f["p95_ms"] >= p95_target(key)
    ]
    scans = sorted(
        {
            f"{key}: {', '.join(scan['tables'])}"
            for key, found in data.get("explain", {}).items()
            for scan in found
        }
    )
    contention = data.get("contention", {})
    post_statuses = contention.get("post_statuses", {})
    fivexx = sum(n for status, n in post_statuses.items() if status[0] not in "1234")
    contention_misses = []
    if contention:
        if contention.get("confirmed") != contention.get("seats"):
            contention_misses.append(
                f"{contention.get('confirmed')} confirmed for {contention.get('seats')} seats"
            )
        if fivexx:
            contention_misses.append(f"{fivexx} answers 5xx or none")
    return {
        "pages answer 200": not_ok,
        "query counts equal at every scale": unequal,
        f"at most {QUERY_BUDGET} queries per page": over_budget,
        f"throughput ≥ {PUBLIC_RATIO}× bare (public), ≥ {MEMBER_RATIO}× (logged in)": slow_ratio,
        f"p95 under load < {P95_MS} ms (search < {SEARCH_P95_MS} ms)": slow_p95,
        "no sequential scan of the big tables": scans,
        "contention: seats filled exactly, no 5xx": contention_misses,
    }


def write(data, directory):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    data = {**data, "targets": targets(data)}
    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = json.dumps(data, indent=1, ensure_ascii=False, default=str)
    files = [directory / f"{stamp}.json", directory / "latest.json"]
    for path in files:
        path.write_text(text)
    chart = directory / "latest.svg"
    chart.write_text(svg(data))
    (directory / f"{stamp}.svg").write_text(chart.read_text())
    return {"targets": data["targets"], "files": [str(path) for path in [*files, chart]]}


def _cell(value, width, fmt="{}"):
    text = "–" if value is None else fmt.format(value)
    return text.rjust(width)


def console(data, summary=None):
    summary = summary or {"targets": targets(data)}
    scales = [str(scale) for scale in data["scales"]]
    largest = scales[-1]
    counts = {scale: data["queries"][scale]["counts"] for scale in scales}
    timing = data.get("timing", {}).get("pages", {})
    load = data.get("load", {})
    lines = []
    header = (
        f"{'page':<34}"
        + "".join(f"{'q ' + format(float(s), 'g') + '×':>7}" for s in scales)
        + f"{'med ms':>8}{'p95 ms':>8}{'rend ms':>8}{'rend p95':>9}"
        + f"{'rps':>8}{'ratio':>7}{'load p95':>9}  "
    )
    lines += [
        "",
        f"Key pages at {float(largest):g}× (queries at every scale)",
        header,
        "-" * len(header),
    ]
    for key in counts[largest]:
        t = timing.get(key, {})
        f = load.get("pages", {}).get(key, {})
        flags = []
        if len({counts[s][key]["queries"] for s in scales}) > 1:
            flags.append("queries grow")
        if counts[largest][key]["queries"] > QUERY_BUDGET:
            flags.append(f">{QUERY_BUDGET} q")
        if f and (f.get("ratio") or 0) < ratio_target(key):
            flags.append("ratio")
        if f and (f.get("p95_ms") or 1e9) >= p95_target(key):
            flags.append("p95")
        if counts[largest][key]["status"] != 200:
            flags.append(f"status {counts[largest][key]['status']}")
        lines.append(
            f"{key[:33]:<34}"
            + "".join(_cell(counts[s][key]["queries"], 7) for s in scales)
            + _cell(t.get("median_ms"), 8, "{:.1f}")
            + _cell(t.get("p95_ms"), 8, "{:.1f}")
            + _cell(t.get("rendered_median_ms"), 8, "{:.1f}")
            + _cell(t.get("rendered_p95_ms"), 9, "{:.1f}")
            + _cell(f.get("rps"), 8, "{:.0f}")
            + _cell(f.get("ratio"), 7, "{:.2f}")
            + _cell(f.get("p95_ms"), 9, "{:.1f}")
            + "  "
            + ", ".join(flags)
        )
    if load:
        bare = load["bare"]
        lines.append(
            f"{'bare view (the limit)':<34}"
            + " " * (7 * len(scales) + 33)
            + _cell(bare["rps"], 8, "{:.0f}")
            + _cell(1.0, 7, "{:.2f}")
            + _cell(bare["p95_ms"], 9, "{:.1f}")
            + f"  runs: {bare.get('runs_rps')}"
        )
        server = load["server"]
        lines.append(
            f"load: gunicorn {server['workers']} {server['worker_class']} workers, "
            f"{server['connections']} connections, {server['seconds']:g} s per page"
        )
    profile = data.get("timing", {}).get("profile")
    if profile:
        lines += [
            "",
            f"Profile of the slowest page, {profile['page']}: "
            f"{profile['ms_per_request']} ms per request",
        ]
        for category, figures in profile["categories"].items():
            lines.append(
                f"  {category:<14}{figures['ms_per_request']:>9.1f} ms  {figures['share']:>6.1%}"
            )
        lines.append("  most own time:")
        for function in profile["top_own_time"][:8]:
            lines.append(f"    {function['own_ms']:>8.1f} ms  {function['function']}")
        lines.append("  most cumulative time (below the request handling):")
        for function in profile["top_functions"][:12]:
            lines.append(f"    {function['cumulative_ms']:>8.1f} ms  {function['function']}")
    contention = data.get("contention")
    if contention:
        lines += [
            "",
            f"Contention: {contention['people']} registrations for {contention['seats']} seats "
            f"in {contention['seconds']} s: {contention['confirmed']} confirmed, "
            f"{contention['waitlisted']} waitlisted, answers {contention['post_statuses']}",
        ]
    explain = data.get("explain", {})
    if explain:
        lines += ["", "EXPLAIN at the largest scale: sequential scans of the big tables"]
        for key, scans in explain.items():
            found = "; ".join(f"query {s['query']}: {', '.join(s['tables'])}" for s in scans)
            lines.append(f"  {key:<32} {found or 'none'}")
    generation = data.get("generation", {})
    if generation:
        lines += [""] + [
            f"Generated {float(scale):g}×: {sum(g['counts'].values()):,} rows in {g['seconds']} s "
            f"({g['counts'].get('members.user')} people, {g['counts'].get('events.event')} events, "
            f"{g['counts'].get('events.registration')} registrations)"
            for scale, g in generation.items()
        ]
    lines += ["", "Targets (reported, not asserted)"]
    for target, misses in summary["targets"].items():
        state = "met" if not misses else f"NOT MET ({len(misses)}): " + "; ".join(misses[:6])
        if len(misses) > 6:
            state += " …"
        lines.append(f"  {target}: {state}")
    if "seconds" in data:
        lines.append(f"\nThe run took {data['seconds']:.0f} s.")
    return "\n".join(lines)


def svg(data):
    """Two bar charts side by side, one row per page: the throughput as a
    ratio of the bare view (with the target line), and the p95 latency
    under load (with the 100 ms line)."""
    pages = data.get("load", {}).get("pages", {})
    rows = list(pages.items())
    row_height, label_width, chart_width, gap, top = 20, 230, 300, 40, 50
    height = top + row_height * len(rows) + 40
    width = label_width + 2 * chart_width + gap + 20
    max_ms = max([P95_MS * 1.5] + [f["p95_ms"] or 0 for _k, f in rows])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="{label_width}" y="18" font-size="13" font-weight="bold">'
        "Throughput, ratio of the bare view</text>",
        f'<text x="{label_width + chart_width + gap}" y="18" font-size="13" font-weight="bold">'
        "p95 latency under load (ms)</text>",
    ]
    right = label_width + chart_width + gap
    for index, (key, figures) in enumerate(rows):
        y = top + index * row_height
        ratio = min(figures["ratio"] or 0, 1.0)
        ok_ratio = (figures["ratio"] or 0) >= ratio_target(key)
        p95 = figures["p95_ms"] or 0
        ok_p95 = p95 < p95_target(key)
        out += [
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(key)}</text>',
            f'<rect x="{label_width}" y="{y + 3}" width="{ratio * chart_width:.1f}" height="14" '
            f'fill="{"#3a7d44" if ok_ratio else "#c0392b"}"/>',
            f'<text x="{label_width + ratio * chart_width + 4:.1f}" y="{y + 14}">'
            f"{figures['ratio'] or 0:.2f}</text>",
            f'<rect x="{right}" y="{y + 3}" width="{p95 / max_ms * chart_width:.1f}" height="14" '
            f'fill="{"#3a7d44" if ok_p95 else "#c0392b"}"/>',
            f'<text x="{right + p95 / max_ms * chart_width + 4:.1f}" y="{y + 14}">{p95:.0f}</text>',
        ]
    bottom = top + row_height * len(rows)
    for value, label in ((PUBLIC_RATIO, "0.5 public"), (MEMBER_RATIO, "0.2 logged in")):
        x = label_width + value * chart_width
        out += [
            _dashed(x, top - 4, bottom),
            f'<text x="{x}" y="{top - 8}" text-anchor="middle">{label}</text>',
        ]
    x = right + P95_MS / max_ms * chart_width
    out += [
        _dashed(x, top - 4, bottom),
        f'<text x="{x}" y="{top - 8}" text-anchor="middle">{P95_MS} ms</text>',
    ]
    bare = data.get("load", {}).get("bare")
    if bare:
        out.append(
            f'<text x="{label_width}" y="{bottom + 25}">Bare view: {bare["rps"]:.0f} requests/s, '
            f"p95 {bare['p95_ms']} ms. Green: target met; red: missed.</text>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _dashed(x, y1, y2):
    return f'<line x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="#555" stroke-dasharray="4 3"/>'
