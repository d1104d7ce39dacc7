"""Publisher ``file``: the briefing written to disk as Markdown, a standalone HTML page, or JSON.

The path takes ``{name}`` and ``{date}``. Without a ``template`` the path's suffix chooses:
``.html``/``.htm`` -> the print-friendly page (briefing.html.j2), ``.json`` -> the JSON of
docs/briefing.schema.json, anything else -> Markdown (briefing.md.j2). ``format: json`` or a
``template`` says it explicitly. A path that is a folder (an existing one, or one without a
suffix: ``path: out``) gets ``<name>-<date>`` inside it, with the suffix of what is written
(``.json``, or the template's own: ``.md`` for briefing.md.j2), so one folder can take every
format without one file overwriting another. Writes are atomic (a temporary file in the same folder, then a
rename), so a crash never leaves half a briefing where a reader would find it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from briefing import (
    Briefing,
    PathPattern,
    PublishContext,
    Publisher,
    briefing_to_dict,
    hookimpl,
    write_atomic,
)


@dataclass(frozen=True)
class FileOptions:
    path: PathPattern
    """Where to write, with {name} and {date}; its suffix picks the format (.md, .html, .json) unless told;
    a folder (no suffix) gets <name>-<date> files."""
    template: str | None = None
    """The template to render; none: chosen by the path's suffix."""
    format: Literal["template", "json"] = "template"
    """template (rendered text) or json (the briefing's JSON, docs/briefing.schema.json)."""

    def __post_init__(self) -> None:
        if self.format == "json" and self.template is not None:
            raise ValueError("template: not used with format: json (the JSON has a fixed schema)")


TEMPLATE_BY_SUFFIX = {".html": "briefing.html.j2", ".htm": "briefing.html.j2"}
DEFAULT_TEMPLATE = "briefing.md.j2"


class FilePublisher(Publisher[FileOptions]):
    options_class = FileOptions

    def publish(self, briefing: Briefing, context: PublishContext) -> None:
        options = self.options
        target = context.format_path(options.path)
        if target.is_dir() or not target.suffix:
            target = target / f"{context.run.briefing}-{context.day}{self._suffix()}"
        suffix = target.suffix.lower()
        if options.format == "json" or (options.template is None and suffix == ".json"):
            content = json.dumps(briefing_to_dict(briefing), ensure_ascii=False, indent=2) + "\n"
        else:
            content = context.render(options.template or TEMPLATE_BY_SUFFIX.get(suffix, DEFAULT_TEMPLATE))
        context.outbox.deliver("file", str(target), lambda: write_atomic(target, content),
                               resend=True)

    def _suffix(self) -> str:
        """The file suffix of what this output writes into a folder."""
        if self.options.format == "json":
            return ".json"
        suffix = Path(self.options.template.removesuffix(".j2")).suffix if self.options.template else ""
        return suffix or ".md"


@hookimpl
def register_publishers(register):
    register("file", FilePublisher)
