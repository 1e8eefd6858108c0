"""Writing the program's output files (PDFs, web copies) so that nobody sees half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file beside it, renamed over the
    target when complete: a reader (a PDF viewer, a web server) never sees half a file,
    and a failed write leaves the old file and no temporary one behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".nk-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
