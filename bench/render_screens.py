"""Render the HTML email and the HTML page, and screenshot them in headless Chromium.

Looking is the check here: a phone-width and a desktop-width PNG of each, written next to the HTML,
so a person (or a reviewer) can see that the briefing reads well in both. The briefing is a small
built-in sample, or the JSON of a real one (``briefing run --json > b.json``)::

    python bench/render_screens.py --out bench/results/screens
    python bench/render_screens.py --briefing b.json --out /tmp/screens

Chromium comes from the system (``apt install chromium``); without it the HTML is still written
and the script says screenshots were skipped.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from briefing import (
    Briefing,
    Evidence,
    Fact,
    Place,
    Quote,
    Risk,
    Sentence,
    Stakeholder,
    Summary,
    make_article,
)
from briefing.core.rendering import make_environment, render
from briefing.core.serialize import briefing_from_dict

SIZES = {"phone": (390, 1600), "desktop": (1100, 1400)}
TEMPLATES = {"email": "briefing.email.html.j2", "page": "briefing.html.j2"}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-extensions", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                  "--mute-audio", "--disable-dev-shm-usage"]


def sample_briefing() -> Briefing:
    """A made-up briefing with every section filled and a long line or two, to test wrapping."""
    texts = [
        ("City council approves tram extension", "https://news.example/tram", "Metro Daily",
         "The city council approved a four-kilometre tram extension on Tuesday. Construction is "
         "likely to begin next spring, the transport office said. Shop owners on the route warned "
         "of lost trade during the works."),
        ("Budget gap threatens bus routes", "https://news.example/bus", "Evening Ledger",
         "A budget gap of 12 million could force the cancellation of three night bus routes. The "
         "finance committee will decide in June. Unions said cuts would hit shift workers hardest."),
    ]
    articles = []
    for title, url, source, text in texts:
        article = make_article(text, title=title, url=url, source=source,
                               published_at=datetime(2024, 4, 16, tzinfo=UTC))
        sentences, start = [], 0
        for index, piece in enumerate(text.split(". ")):
            piece = piece if piece.endswith(".") else piece + "."
            sentences.append(Sentence(index, start, start + len(piece), piece))
            start += len(piece) + 1
        articles.append(replace(article, sentences=tuple(sentences)))
    a, b = articles
    ea, eb = (Evidence(a.id, 0, "approved"),), (Evidence(b.id, 0, "budget gap"),)
    quote = Quote("Transport office", "Construction is likely to begin next spring",
                  (Evidence(a.id, 1, "Construction"),))
    return Briefing(
        "city", "City transport", datetime(2024, 4, 17, 7, 0, tzinfo=UTC), tuple(articles),
        summary=Summary("The council approved a tram extension while a budget gap puts three night "
                        "bus routes at risk.", ea + eb),
        facts=(Fact("The council approved a four-kilometre tram extension.", ea),
               Fact("A budget gap of 12 million could cancel three night bus routes.", eb)),
        stakeholders=(Stakeholder("City council", "organization", ea, roles=("approved the plan",)),
                      Stakeholder("Transport office", "organization", quote.evidence, quotes=(quote,)),
                      Stakeholder("Finance committee", "organization", eb, roles=("decides in June",))),
        places=(Place("Riverside", ea), Place("Old Town", eb)),
        risks=(Risk("Construction begins next spring.", quote.evidence, likelihood="likely",
                    probability=(0.55, 0.75)),
               Risk("Night bus routes are cancelled.", eb, likelihood="could", severity="high")),
    )


def load(path: Path | None) -> Briefing:
    if path is None:
        return sample_briefing()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SystemExit(f"{path}: cannot read the briefing JSON ({error})") from None
    return briefing_from_dict(data)


def screenshot(chromium: str, html: Path, png: Path, size: tuple[int, int]) -> float:
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        started = time.perf_counter()
        subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                        f"--window-size={size[0]},{size[1]}", f"--screenshot={png}", html.as_uri()],
                       check=True, capture_output=True, timeout=60)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefing", type=Path, help="a briefing's JSON (default: a built-in sample)")
    parser.add_argument("--out", type=Path, default=Path("bench/results/screens"))
    args = parser.parse_args()
    briefing = load(args.briefing)
    args.out.mkdir(parents=True, exist_ok=True)
    env = make_environment(None, None)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    for kind, template in TEMPLATES.items():
        html = args.out / f"{kind}.html"
        html.write_text(render(env, template, briefing), encoding="utf-8")
        print(f"{html}: {html.stat().st_size:,} bytes")
        if chromium is None:
            continue
        for label, size in SIZES.items():
            png = args.out / f"{kind}-{label}.png"
            seconds = screenshot(chromium, html, png, size)
            print(f"{png}: {size[0]}x{size[1]} in {seconds:.1f}s")
    if chromium is None:
        print("chromium not found: HTML written, screenshots skipped (apt install chromium)",
              file=sys.stderr)


if __name__ == "__main__":
    main()
