"""The portal in a real browser: Debian's Chromium, driven by Playwright,
against pytest-django's live server (``make test-browser``).

- ``browser``: one Chromium for the whole run, launched by its executable
  path (``ASSKOMM_CHROMIUM``, else ``chromium`` on the PATH); Playwright's
  own browser download is not used.
- ``visit``: a fresh browser window (own cookies) at the size of
  ``screen`` – desktop 1280×800 or phone 390×844, the parameter of every
  test that asks for it. ``visit.shot(name)`` saves a screenshot under
  ``var/browser-shots/<screen>/<test>/`` and, on the phone, asserts that the
  page is no wider than the screen. Every request a page makes must go to
  the live server: anything else fails the test.
- ``visit.log_in(user)``: a signed-in session without the login form (the
  journeys that are about logging in use the form).
"""

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import Client

from tests.helpers import enrol_in_two_factor

# Playwright's synchronous API runs an event loop in the test's thread; the
# database calls of the test itself are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SHOTS = Path(settings.BASE_DIR) / "var" / "browser-shots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def chromium_path():
    return os.environ.get("ASSKOMM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if not Path(path).exists():
        pytest.fail(
            f"No Chromium at {path}: install it (apt-get install chromium) "
            "or name it in ASSKOMM_CHROMIUM."
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield launched
        launched.close()


@pytest.fixture(params=list(SCREENS))
def screen(request):
    return request.param


@dataclass
class Visit:
    """One browser window on the live server."""

    context: object
    page: object
    base_url: str
    screen: str
    folder: Path
    outside: list = field(default_factory=list)
    shots: int = 0

    def url(self, path):
        return self.base_url + path

    def go(self, path):
        response = self.page.goto(self.url(path))
        assert response is not None and response.status < 400, (path, response and response.status)
        return self.page

    def log_in(self, user, *, staff=False):
        """Signs ``user`` in for this window (staff with their authenticator
        app, as the admin asks)."""
        if (staff or user.is_staff) and not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists():
            enrol_in_two_factor(user)
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.base_url}]
        )
        return user

    def shot(self, name):
        """A screenshot of the whole page; on the phone, the page must fit."""
        self.shots += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=self.folder / f"{self.shots:02d}-{name}.png", full_page=True)
        if self.screen == "phone":
            assert_fits(self.page, SCREENS["phone"]["width"])

    def axe(self, *, context=None):
        """The violations axe-core finds on the page, of impact serious or
        critical."""
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text())
        found = self.page.evaluate(
            """async (context) => {
                const results = await axe.run(context || document, {
                    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                });
                return results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
                }));
            }""",
            context,
        )
        return [v for v in found if v["impact"] in ("serious", "critical")]


def assert_fits(page, width):
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width} px wide on a {width} px screen"


@pytest.fixture
def visit(browser, live_server, screen, request, transactional_db):
    context = browser.new_context(viewport=SCREENS[screen], locale="de-DE", accept_downloads=True)
    context.set_default_timeout(15_000)
    test_name = re.sub(r"[^\w-]+", "_", request.node.originalname)
    window = Visit(
        context=context,
        page=context.new_page(),
        base_url=live_server.url,
        screen=screen,
        folder=SHOTS / screen / test_name,
    )
    if window.folder.exists():
        shutil.rmtree(window.folder)

    def note(browser_request):
        url = browser_request.url
        if not url.startswith((live_server.url, "data:", "blob:", "about:")):
            window.outside.append(url)

    context.on("request", note)
    yield window
    context.close()
    assert window.outside == [], f"requests outside the portal: {window.outside}"
