"""Split Telegram HTML into messages of at most 4,096 UTF-16 code units, never inside a tag.

Telegram measures a message in UTF-16 code units (an emoji can count two), so lengths here are
UTF-16 lengths. A part is cut at the last paragraph break (blank line) that fits, else at the
last line break, else at a space, else anywhere between characters; tags and entities are never
cut. Tags still open at a cut are closed at the end of the part and opened again at the start of
the next, so every part is valid HTML on its own. We count the markup too, which is stricter than
Telegram (it counts the text left after parsing), so a part that fits here always fits there.
"""

from __future__ import annotations

import html
import re

LIMIT = 4096
_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+|[<&]")
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][\w-]*)")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _tokens(text: str) -> list[str]:
    """Tags and entities are whole tokens; text runs are split into single characters later."""
    return _TOKEN.findall(text)


def _tag_name(tag: str) -> tuple[str, bool] | None:
    match = _TAG.match(tag)
    if match is None:
        return None
    return match.group(2).lower(), match.group(1) is not None


def split_html(text: str, limit: int = LIMIT) -> list[str]:
    """The parts, in order; empty parts are dropped. Raises ValueError if a tag cannot fit."""
    text = text.strip()
    if not text:
        return []
    if utf16_len(text) <= limit:
        return [text]
    parts: list[str] = []
    stack: list[tuple[str, str]] = []  # (name, opening tag as written)
    units: list[str] = []  # atomic pieces of the current part
    unit_stack: list[list[tuple[str, str]]] = []  # open tags after each unit, for cutting
    length = 0
    reopened = 0  # how many units at the start of the part re-open tags from the last part

    def closers(open_tags: list[tuple[str, str]]) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(open_tags))

    def start_part() -> None:
        nonlocal units, unit_stack, length, reopened
        reopened = len(stack)
        units = [opening for _, opening in stack]
        unit_stack = [list(stack[: i + 1]) for i in range(len(stack))]
        length = sum(utf16_len(u) for u in units)

    def cut() -> None:
        """End the current part at its best break, keep the rest for the next part."""
        nonlocal stack
        index = _best_break(units, unit_stack, limit, reopened)
        head, tail = units[:index], units[index:]
        open_at_cut = unit_stack[index - 1] if index > 0 else []
        part = ("".join(head) + closers(open_at_cut)).strip()
        if _visible(part):
            parts.append(part)
        stack = list(open_at_cut)
        start_part()
        for piece in tail:
            add(piece, check=False)
        if length + utf16_len(closers(stack)) > limit:
            cut()

    def add(piece: str, *, check: bool = True) -> None:
        nonlocal length
        tag = _tag_name(piece) if piece.startswith("<") and piece.endswith(">") else None
        if tag is not None:
            name, closing = tag
            if closing:
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == name:
                        del stack[i:]
                        break
            elif name != "br":
                stack.append((name, piece))
        units.append(piece)
        unit_stack.append(list(stack))
        length += utf16_len(piece)
        if check and length + utf16_len(closers(stack)) > limit:
            cut()

    start_part()
    for token in _tokens(text):
        if token.startswith(("<", "&")) and len(token) > 1:
            add(token)
        else:
            for char in token:
                add(char)
    final = ("".join(units) + closers(stack)).strip()
    if _visible(final):
        parts.append(final)
    for part in parts:
        if utf16_len(part) > limit:
            raise ValueError("a tag or entity is too long to fit in one Telegram message")
    return parts


def _best_break(units: list[str], unit_stack: list[list[tuple[str, str]]], limit: int,
                reopened: int) -> int:
    """Index to cut before: after the last paragraph break that fits, then line, then space.

    A break is only taken in the second half of what fits, so parts do not come out tiny; the
    cut always leaves at least one unit of new content in the part, so splitting always advances.
    """
    fits = 0
    total = 0
    for i, piece in enumerate(units):
        total += utf16_len(piece)
        closing = sum(len(name) + 3 for name, _ in unit_stack[i])
        if total + closing <= limit:
            fits = i + 1
    fits = max(fits, reopened + 1)
    lowest = max(reopened + 1, fits // 2)
    for marker in ("\n\n", "\n", " "):
        for i in range(fits, lowest - 1, -1):
            if marker == "\n\n":
                if i >= 2 and units[i - 1] == "\n" and units[i - 2] == "\n":
                    return i
            elif units[i - 1] == marker:
                return i
    return fits


def _visible(part: str) -> bool:
    return bool(html_to_text(part).strip())


def html_to_text(text: str) -> str:
    """Telegram HTML as plain text: tags dropped, entities decoded (the fallback for bad markup)."""
    return html.unescape(re.sub(r"<[^>]*>", "", text))
