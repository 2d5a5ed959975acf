"""Checks a portal started the production way, over HTTP, as a browser
behind the TLS-terminating proxy would reach it.

    check_production.py BASE_URL ACCESS_LOG

BASE_URL is gunicorn's address (http://127.0.0.1:8765); the requests carry
what the proxy adds (X-Forwarded-Proto: https, X-Forwarded-For). ACCESS_LOG
is gunicorn's access log written with the worker's pid first, to show that
the login limit held while different workers answered. Uses the seed_demo
accounts. Exits non-zero with every problem found.
"""

import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

DEMO_PASSWORD = "asskomm-demo"  # noqa: S105 - the documented demo password
MEMBER = "mitglied@example.org"
APPLICANT = "bewerberin@example.org"
LIMIT = 5  # settings.LOGIN_FAILURES_PER_ACCOUNT
TOO_MANY = "Zu viele fehlgeschlagene Anmeldeversuche"
VISITOR = "198.51.100.7"

problems = []


def expect(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        problems.append(message)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Keeps its own cookies (the portal's are Secure, and this side of the
    proxy speaks plain HTTP) and does not follow redirects."""

    def __init__(self, base, proxied=True):
        self.base = base
        self.proxied = proxied
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirects)

    def request(self, path, data=None):
        headers = {}
        if self.proxied:
            origin = "https://" + urllib.parse.urlsplit(self.base).netloc
            headers.update(
                {
                    "X-Forwarded-Proto": "https",
                    "X-Forwarded-For": VISITOR,
                    "Origin": origin,
                    "Referer": origin + path,
                }
            )
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, body, headers)  # noqa: S310
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.headers, response.read().decode()

    def log_in(self, email, password):
        _status, _headers, page = self.request("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": password},
        )


def main():
    base, access_log = sys.argv[1].rstrip("/"), Path(sys.argv[2])

    # /healthz answers the load balancer over plain HTTP: no redirect.
    status, _headers, body = Browser(base, proxied=False).request("/healthz")
    expect(status == 200, f"/healthz answers 200 over plain HTTP (got {status})")
    expect(
        json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok"},
        f"/healthz reports database and cache ok ({body})",
    )
    status, headers, _body = Browser(base, proxied=False).request("/")
    expect(
        status == 301 and headers["Location"].startswith("https://"),
        f"plain HTTP is redirected to HTTPS (got {status})",
    )

    visitor = Browser(base)
    status, headers, page = visitor.request("/")
    expect(status == 200, f"home page answers 200 (got {status})")
    policy = headers.get("Content-Security-Policy", "")
    expect("default-src 'self'" in policy, f"Content-Security-Policy: {policy}")
    expect("'unsafe-inline'" not in policy, "no 'unsafe-inline' in the policy")
    expect("frame-ancestors 'none'" in policy, "frame-ancestors 'none'")
    expect("camera=()" in headers.get("Permissions-Policy", ""), "Permissions-Policy")
    expect("max-age=" in headers.get("Strict-Transport-Security", ""), "HSTS")
    expect(headers.get("X-Content-Type-Options") == "nosniff", "X-Content-Type-Options")
    expect(headers.get("X-Frame-Options") == "DENY", "X-Frame-Options")

    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page)
    expect(stylesheet is not None, "the home page links the stylesheet by a hashed name")
    if stylesheet:
        status, headers, _body = visitor.request(stylesheet.group(1))
        expect(status == 200, f"static file {stylesheet.group(1)} answers 200 (got {status})")
        expect("immutable" in headers.get("Cache-Control", ""), "static file cached forever")

    # Public pages come from the page cache for anonymous visitors: the
    # same page twice, without a cookie or a token in it, kept by no
    # browser or proxy; the language switch works without a token.
    first = Browser(base).request("/events/")
    second = Browser(base).request("/events/")
    expect(first[0] == second[0] == 200, f"/events/ answers 200 ({first[0]}, {second[0]})")
    expect(first[2] == second[2], "/events/ is the same page for two anonymous visitors")
    expect("Set-Cookie" not in second[1], "a public page sets no cookie")
    expect("csrfmiddlewaretoken" not in second[2], "a public page carries no CSRF token")
    expect(
        "private" in second[1].get("Cache-Control", ""),
        f"browsers and proxies keep no page ({second[1].get('Cache-Control')})",
    )
    english = Browser(base)
    status, headers, _page = english.request("/i18n/setlang/", {"language": "en", "next": "/"})
    expect(status == 302, f"the language switch answers without a token (got {status})")
    _status, _headers, page = english.request("/events/")
    expect('<html lang="en">' in page, "after the switch the pages are English")
    _status, _headers, page = Browser(base).request("/events/")
    expect('<html lang="de">' in page, "and stay German for everyone else")

    status, _headers, page = visitor.request("/accounts/login/")
    expect(status == 200 and 'name="password"' in page, f"login page answers 200 ({status})")

    # The login limit, with the failures spread over workers: each attempt
    # on its own connection, several at once, so that busy workers leave
    # the next connection to another one.
    def attempt(password):
        return Browser(base).log_in(APPLICANT, password)

    with ThreadPoolExecutor(max_workers=LIMIT) as pool:
        failures = list(pool.map(attempt, ["falsch"] * LIMIT))
    expect(
        all(status == 200 and TOO_MANY not in page for status, _h, page in failures),
        f"the first {LIMIT} wrong passwords are answered as wrong, not refused",
    )
    with ThreadPoolExecutor(max_workers=LIMIT) as pool:
        refused = list(pool.map(attempt, [DEMO_PASSWORD] * 6))
    expect(
        all(status == 200 and TOO_MANY in page for status, _h, page in refused),
        f"after {LIMIT} failures every worker refuses the account, even the right password",
    )
    pids = {
        line.split()[0]
        for line in access_log.read_text().splitlines()
        if "POST /accounts/login/" in line
    }
    expect(len(pids) >= 2, f"the login attempts were answered by {len(pids)} workers")

    # The account decided, not the address: a member from the same
    # address logs in and sees the member directory.
    member = Browser(base)
    status, _headers, _page = member.log_in(MEMBER, DEMO_PASSWORD)
    expect(status == 302, f"a member from the same address logs in (got {status})")
    status, _headers, page = member.request("/members/")
    expect(status == 200, f"the member directory answers the member 200 (got {status})")
    status, _headers, _page = Browser(base).request("/members/")
    expect(status == 302, f"the member directory sends anonymous visitors to log in ({status})")
    _status, _headers, page = member.request("/events/")
    expect("header-logout" in page, "a member gets their own events page, not the cached one")
    _status, _headers, page = Browser(base).request("/events/")
    expect("header-logout" not in page, "an anonymous visitor never gets the member's page")

    if problems:
        sys.exit(f"{len(problems)} production check(s) failed")
    print("production checks passed")


if __name__ == "__main__":
    main()
