"""Publisher ``file``: the briefing written to disk as Markdown (or any template) or JSON.

The path takes ``{name}`` and ``{date}``. Writes are atomic (a temporary file in the same folder,
then a rename), so a crash never leaves half a briefing where a reader would find it.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from briefing import Briefing, PublishContext, Publisher, hookimpl
from briefing.core.serialize import briefing_to_dict


@dataclass(frozen=True)
class FileOptions:
    path: Path
    template: str = "briefing.md.j2"
    format: Literal["template", "json"] = "template"


class FilePublisher(Publisher[FileOptions]):
    options_class = FileOptions

    def publish(self, briefing: Briefing, context: PublishContext) -> None:
        target = context.format_path(self.options.path)
        if self.options.format == "json":
            content = json.dumps(briefing_to_dict(briefing), ensure_ascii=False, indent=2) + "\n"
        else:
            content = context.render(self.options.template)
        context.outbox.deliver("file", str(target), lambda: write_atomic(target, content),
                               resend=True)


def write_atomic(target: Path, content: str) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return str(target)


@hookimpl
def register_publishers(register):
    register("file", FilePublisher)
