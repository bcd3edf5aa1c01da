"""Files that hold personal data are their owner's only: 0600, directories 0700, whatever the umask.

The SQLite store (with its -wal and -shm files, which SQLite creates with the store's mode), the
file outbox's messages, backups and personal-data exports hold names, addresses and message
bodies. A umask of 022 would make them readable to every account on the server, so vaart sets the
mode itself: a new file or directory gets it explicitly (fchmod/chmod after creating, as the umask
can only take bits away), and a store or outbox left more open by an older version is tightened
when vaart opens it. `VAART_FILE_MODE` may open files to the group (0640 or 0660, directories then
0750 or 0770) for a backup agent or a mail pickup; never to others.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from bot.domain.errors import Refused

FILE_MODE = 0o600
ALLOWED_MODES = (0o600, 0o640, 0o660)


def parse_mode(text: str | None) -> int:
    """VAART_FILE_MODE ("0600", "640", ...) as an int; refuses modes that give others any access."""
    raw = (text or "").strip()
    if not raw:
        return FILE_MODE
    try:
        mode = int(raw, 8)
    except ValueError:
        mode = -1
    if mode not in ALLOWED_MODES:
        raise Refused("files.bad_mode", value=raw[:20], choices=", ".join(f"{m:04o}" for m in ALLOWED_MODES))
    return mode


def dir_mode(file_mode: int) -> int:
    """The directory mode that goes with *file_mode*: every read bit gets its search bit (0640 -> 0750)."""
    return file_mode | ((file_mode & 0o444) >> 2)


def private_dir(path: Path, mode: int = FILE_MODE, *, tighten: bool = True) -> Path:
    """Make *path* (and missing parents) with the directory mode of *mode*.

    With *tighten* an existing *path* that is more open than that is closed to it; parents that
    already existed are never changed (they may be the user's home directory).
    """
    wanted = dir_mode(mode)
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for directory in reversed(missing):
        directory.mkdir(mode=wanted, exist_ok=True)  # another process may make it at the same moment
        directory.chmod(wanted)
    if tighten and not missing:
        restrict(path, wanted)
    return path


def restrict(path: Path, mode: int = FILE_MODE) -> None:
    """Take away every permission bit of an existing *path* beyond *mode* (nothing when it is absent)."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if current & ~mode:
        path.chmod(current & mode)


def create_private(path: Path, mode: int = FILE_MODE) -> bool:
    """Create *path* empty with *mode* if it does not exist; True when this call created it."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        return False
    try:
        os.fchmod(descriptor, mode)
    finally:
        os.close(descriptor)
    return True


def write_private(path: Path, data: bytes | Iterable[bytes], mode: int = FILE_MODE) -> None:
    """Write *data* (bytes, or chunks of them as they are made) to *path* (created or truncated)
    with exactly *mode*."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "wb") as handle:
        os.fchmod(handle.fileno(), mode)
        if isinstance(data, bytes):
            handle.write(data)
        else:
            handle.writelines(data)
