"""Publisher ``stdout``: the rendered briefing on standard output, for pipes and quick looks."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from briefing import Briefing, PublishContext, Publisher, hookimpl


@dataclass(frozen=True)
class StdoutOptions:
    template: str = "briefing.md.j2"
    """The template printed to standard output."""


class StdoutPublisher(Publisher[StdoutOptions]):
    options_class = StdoutOptions

    def publish(self, briefing: Briefing, context: PublishContext) -> None:
        text = context.render(self.options.template)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()


@hookimpl
def register_publishers(register):
    register("stdout", StdoutPublisher)
