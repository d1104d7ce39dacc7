"""Decoding fetched text: the charset from the Content-Type header, else from the document
itself (a byte-order mark, the XML declaration, HTML ``<meta charset>``), else detected.

Split from http_client.py, which fetches; the ``html`` source decodes saved files the same way.
"""

from __future__ import annotations

import codecs
import re


def parse_content_type(value: str) -> tuple[str, str | None]:
    """``text/html; charset=ISO-8859-1`` -> ``("text/html", "iso-8859-1")``."""
    parts = [p.strip() for p in value.split(";")]
    media = parts[0].lower()
    charset = None
    for part in parts[1:]:
        key, _, val = part.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return media, charset


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding=["']([A-Za-z0-9_.:-]+)["']""")


def sniff_charset(body: bytes) -> str | None:
    """The charset a document declares about itself (BOM, XML declaration, HTML meta)."""
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = body[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii").lower() if found else None


def decode_body(body: bytes, charset: str | None = None, content_type: str = "") -> str:
    """Decode by header charset, then the document's own declaration, then detection."""
    for candidate in (charset, sniff_charset(body)):
        if not candidate:
            continue
        try:
            return body.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return str(best) if best is not None else body.decode("cp1252", errors="replace")
