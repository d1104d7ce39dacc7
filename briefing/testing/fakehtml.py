"""What the fake Bot API checks in a message: its length in UTF-16 units and Telegram's HTML subset.

Written apart from split.py on purpose: the fake judges the splitter's output, so it must not
share the splitter's code. The rules follow the Bot API's "HTML style" section: only the listed
tags, properly nested and closed, and only the four named entities (plus numeric ones).
"""

from __future__ import annotations

import html.parser
import re

ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                "span", "tg-spoiler", "blockquote", "tg-emoji"}
NAMED_ENTITIES = {"lt", "gt", "amp", "quot"}


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _TelegramHTML(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.error = self.error or f'Unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.error = self.error or f'Unexpected end tag "{tag}"'
        else:
            self.stack.pop()

    def handle_entityref(self, name: str) -> None:
        if name not in NAMED_ENTITIES:
            self.error = self.error or f'Unsupported entity "&{name};"'


def html_problem(text: str) -> str | None:
    if re.search(r"&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)", text):
        return "Can't find end of the entity"
    if re.search(r"<(?![a-zA-Z/])", text):
        return "Unexpected < character"
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.error:
        return parser.error
    if parser.stack:
        return f'Can\'t find end tag corresponding to start tag "{parser.stack[-1]}"'
    return None
