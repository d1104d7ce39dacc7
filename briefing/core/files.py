"""Files a reader may open at any moment: written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(target: Path, content: str | bytes) -> str:
    """Write ``content`` (text as UTF-8) to ``target`` so readers see the old file or the new one.

    A temporary file in the same folder, flushed to disk, then renamed over the target: a crash
    midway leaves the old file, never half a briefing where a reader (or a mail client watching a
    Maildir) would find it. Returns the path written, which the outbox records as the message id.
    """
    import tempfile  # not at import time: `briefing --help` imports this module

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return str(target)
