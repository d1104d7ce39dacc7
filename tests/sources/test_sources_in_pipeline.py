"""The web sources end to end: briefings.yaml -> pipeline -> briefing, over loopback HTTP.

Checks what only the whole path shows: options (with the nested ``http`` block) are validated
from YAML, canonical URLs merge the same article from two feeds, the near-duplicate cleaner
drops a wire copy, and a broken feed is a listed failure while the rest still makes the briefing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from briefing.core.config import load_config
from briefing.core.pipeline import Pipeline
from briefing.core.plugins import make_plugin_manager
from briefing.core.store import Store

from .conftest import BRIDGE, ORCHARD, LoopbackServer, Route
from .test_near_duplicates import wire_copy
from .test_rss_source import RSS_TYPE, item, rss


def test_feeds_and_jsonl_through_the_pipeline(server: LoopbackServer, tmp_path: Path,
                                              write_config: Callable[[str], Path],
                                              simple_plugin: object) -> None:
    bridge_url = server.url("/news/bridge")
    server.routes["/one.xml"] = Route(rss(item("Bridge", bridge_url + "?utm_source=rss", BRIDGE)),
                                      content_type=RSS_TYPE)
    server.routes["/two.xml"] = Route(rss(item("Bridge again", bridge_url + "#top", BRIDGE[:-1])
                                          + item("Orchards", server.url("/o"), ORCHARD)),
                                      content_type=RSS_TYPE)
    server.routes["/broken.xml"] = Route("<html>no feed here</html>", content_type="text/html")
    (tmp_path / "wire.jsonl").write_text(json.dumps({"title": "Copy", "text": wire_copy(BRIDGE),
                                                     "source": "Other outlet"}) + "\n")
    path = write_config(f"""
        state: state.db
        briefings:
          b:
            title: Valley news
            sources:
              - type: rss
                urls: ["{server.url('/one.xml')}", "{server.url('/broken.xml')}",
                       "{server.url('/two.xml')}"]
                http: {{timeout: 2, retries: 0}}
              - {{type: jsonl, path: wire.jsonl}}
            cleaners: []
            analyser: split
            extractors: [first-sentence]
            outputs: []
        """)
    plugins = make_plugin_manager(extra=[simple_plugin], entry_points=False)
    result = Pipeline(load_config(path, plugins), plugins, Store(tmp_path / "state.db")).run(
        "b", publish=False)
    assert result.briefing is not None
    titles = sorted(a.title for a in result.briefing.articles)
    assert titles == ["Bridge", "Orchards"]  # same URL once; the wire copy dropped as near duplicate
    assert result.briefing.article(result.briefing.articles[0].id) is not None
    [failure] = result.failures
    assert failure.stage == "collect" and failure.component == "rss"
    assert failure.error.startswith(f"{server.url('/broken.xml')}: not a readable feed")
