"""What every source that reads local files needs: finding them, naming them, and refusing
files that are too large or empty with a one-line error that names the file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from briefing import InputError


def shown_path(path: Path, base_dir: Path) -> str:
    """The path as the user wrote it: relative to the config's folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(base_dir.resolve()))
    except ValueError:
        return str(path)


def matching_files(path: Path, patterns: Iterable[str], recursive: bool) -> list[Path]:
    """``path`` itself when it is a file, else the files in it that match, sorted."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(str(path), "no such file or folder")
    found: set[Path] = set()
    for pattern in patterns:
        found.update(path.rglob(pattern) if recursive else path.glob(pattern))
    return sorted(p for p in found if p.is_file())


def read_limited(path: Path, shown: str, max_bytes: int) -> bytes:
    """The file's bytes, unless it is over ``max_bytes`` or holds nothing but white space."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(shown, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max_bytes)")
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(shown, "file is empty")
    return raw
