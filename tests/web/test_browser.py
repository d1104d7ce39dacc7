"""``briefing serve`` in a real headless Chromium (Debian's ``chromium``; `make test` installs it as root):
the index, a briefing page whose evidence opens on a click, a stakeholder page, a search, on a
phone's width and a desktop's, with no console error (a CSP violation is one) and nothing wider
than the screen. Screenshots go to each test's temporary folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing import Service
from briefing.core.plugins import make_plugin_manager

from webfixtures import serving, write_state  # isort: skip

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    config = write_state(tmp_path_factory.mktemp("state"))
    service = Service.open(config, make_plugin_manager(entry_points=False))
    with serving(service) as url:
        yield url
    service.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    assert shutil.which(CHROMIUM), f"{CHROMIUM} is missing: apt-get install chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


class Tab:
    """A page of one viewport that records console errors and uncaught exceptions."""

    def __init__(self, browser: object, viewport: dict[str, int], shots: Path) -> None:
        self.context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.shots = shots
        self.width = viewport["width"]

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}-{self.width}.png"
        self.page.evaluate("window.scrollTo(0, 0)")  # the sticky bar drawn at the top of the shot
        self.page.screenshot(path=str(path), full_page=True)
        print(f"screenshot: {path}")
        return path

    def fits_the_screen(self) -> bool:
        return bool(self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))

    def close(self) -> None:
        self.context.close()


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def tab(request: pytest.FixtureRequest, browser: object, tmp_path: Path) -> Iterator[Tab]:
    opened = Tab(browser, request.param, tmp_path)
    yield opened
    opened.close()
    assert opened.errors == []


def test_the_index(tab: Tab, site: str):
    page = tab.page
    page.goto(site + "/")
    assert page.title() == "Briefings"
    assert page.locator("section.card h2").all_inner_texts() == ["River & port", "Power grid", "Never made"]
    days = page.locator("#briefing-river ul.days a").all_inner_texts()
    assert days == ["2025-03-05", "2025-03-04", "2025-03-03"]
    assert tab.fits_the_screen()
    tab.shot("index")
    page.click("text=2025-03-04")
    page.wait_for_url("**/b/river/2025-03-04")
    assert page.locator("h1").inner_text() == "River & port"


def test_a_briefing_page_opens_a_line_to_its_evidence(tab: Tab, site: str):
    page = tab.page
    page.goto(site + "/b/river/2025-03-04")
    line = page.locator("#facts details.line").first
    evidence = line.locator("blockquote")
    assert not evidence.is_visible()
    line.locator("summary").click()
    assert evidence.is_visible()
    assert evidence.inner_text() == "The river port of Halden reopened its northern dock on Tuesday."
    assert line.locator("figcaption").inner_text() == "[1] Northern dock reopens · Halden Post"
    # The risk's evidence marks the words the risk quotes.
    risk = page.locator("#risks details.line").first
    risk.locator("summary").click()
    assert risk.locator("mark").inner_text() == "fees will likely rise if the dredging runs late"
    assert "likely · 55-75%" in risk.locator("summary").inner_text()
    # What a hostile feed wrote is text, not markup; and no javascript: link exists.
    assert "<script>alert('title')</script> Canal board" in page.locator("#sources").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    assert tab.fits_the_screen()
    tab.shot("briefing")
    # The script shows the toggle, which opens every line.
    toggle = page.locator("[data-toggle-evidence]")
    assert toggle.is_visible()
    toggle.click()
    closed = page.locator("details.line:not([open])").count()
    assert closed == 0 and toggle.inner_text() == "Hide all evidence"
    tab.shot("briefing-all-evidence")


def test_the_day_picker_goes_to_another_day(tab: Tab, site: str):
    page = tab.page
    page.goto(site + "/b/river")
    assert page.locator(".meta").first.inner_text().startswith("2025-03-05")
    assert not page.locator("form.day-picker button").is_visible()  # the script submits on change
    page.select_option("form.day-picker select", "2025-03-03")
    page.wait_for_url("**/b/river/2025-03-03")
    page.click("a.newer")
    page.wait_for_url("**/b/river/2025-03-04")


def test_a_stakeholder_page_across_days(tab: Tab, site: str):
    page = tab.page
    page.goto(site + "/b/river/2025-03-05")
    page.click("#stakeholders a.who >> text=Ines Varga")
    page.wait_for_url("**/who?name=Ines%20Varga")
    assert page.locator("h1").inner_text() == "Ines Varga"
    assert page.locator("section.appearance").count() == 3
    days = page.locator("section.appearance h2 a").all_inner_texts()
    assert days == ["2025-03-05", "2025-03-04", "2025-03-03"]
    quote = page.locator("section.appearance").first.locator("details.quote")
    quote.locator("summary").click()
    assert quote.locator("mark").inner_text() == "the dock would handle grain first"
    assert tab.fits_the_screen()
    tab.shot("stakeholder")


def test_a_search(tab: Tab, site: str):
    page = tab.page
    page.goto(site + "/b/grid/2025-03-04")
    page.keyboard.press("/")  # the search key
    box = page.locator("input[type=search]")
    assert box.evaluate("element => element === document.activeElement")
    box.fill("grain harvest")
    box.press("Enter")
    page.wait_for_url("**/search?q=grain+harvest")
    hits = page.locator("ul.results > li")
    assert hits.count() == 3  # the farmers' risk, on each of the three days
    assert page.locator("ul.results mark").first.inner_text().lower() in ("grain", "harvest")
    first = hits.first.locator("details.line")
    first.locator("summary").click()
    assert first.locator("blockquote").inner_text() == \
        "Farmers fear that grain exports may stall during the harvest."
    assert tab.fits_the_screen()
    tab.shot("search")
