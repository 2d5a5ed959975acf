"""The browser tests' own ground: Chromium reaches the live server, and a
page loads everything it needs from there."""


def test_the_home_page_opens_in_chromium_with_everything_from_the_portal(visit):
    page = visit.go("/")
    assert page.locator("h1").first.is_visible()
    assert page.evaluate("() => document.documentElement.lang") == "de"
    # The style sheet came from the live server (no request left it: the fixture checks).
    assert page.evaluate("() => document.styleSheets.length") >= 1
    visit.shot("home")
