"""Opening a Nämndkansli database file safely.

Every file is examined read-only before anything is written to it: a file that is not
ours, is damaged or was written by a newer program version is refused and stays
byte-for-byte unchanged. Only then is it opened for writing (WAL, foreign keys, busy
timeout) and migrated.

Each thread opens its own connection with :func:`connect`; connections are never shared
across threads.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import threading
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from db import migrations
from db.errors import (
    CorruptDatabaseError,
    DatabaseAccessError,
    DatabaseError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
)
from db.text import install as install_text_normalisation
from db.textsort import register_collation

# Every str bound on any connection of the process is normalised on its way in
# (docs/domain/text.md); registered here, so it holds before the first connection opens.
install_text_normalisation()

if TYPE_CHECKING:
    from sqlite_utils import Database

#: PRAGMA application_id of every Nämndkansli file: "NKDB" as a 32-bit integer.
APPLICATION_ID = 0x4E4B4442
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


# The records of this module and of the others on the way to the window's first paint
# are NamedTuples, not dataclasses: a dataclass compiles its methods when the module is
# imported (~0.7 ms each), which start-up pays for (bench/startup.py).
class FileState(NamedTuple):
    """What a read-only look at a file found."""

    path: Path
    exists: bool
    #: True when there is nothing in the file yet (missing, 0 bytes, or a fresh SQLite
    #: file with no tables): it may become a new Nämndkansli database.
    empty: bool
    schema_version: int
    #: "ok", or "unchecked": a large file opened without quick_check (QUICK_CHECK_MAX_BYTES).
    integrity: str = "ok"

    @property
    def needs_upgrade(self) -> bool:
        return not self.empty and self.schema_version < migrations.LATEST_VERSION


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(100)
    except PermissionError as exc:
        raise DatabaseAccessError(f"Filen {path} kan inte läsas: behörighet saknas.", path) from exc
    except OSError as exc:
        raise DatabaseAccessError(f"Filen {path} kan inte läsas: {exc.strerror}.", path) from exc


def _check_header(path: Path, header: bytes) -> None:
    if not header.startswith(SQLITE_MAGIC):
        raise NotADatabaseError(
            f"Filen {path} är ingen Nämndkansli-databas (den är inte en SQLite-databas).", path
        )
    if len(header) < 100:
        raise CorruptDatabaseError(f"Databasfilen {path} är trasig: filhuvudet är avkortat.", path)
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (change_counter,) = struct.unpack(">I", header[24:28])
    (page_count,) = struct.unpack(">I", header[28:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    wal = path.with_name(path.name + "-wal")
    wal_has_content = wal.exists() and wal.stat().st_size > 0
    # The page count in the header is only trustworthy when it was written by the same
    # transaction as the change counter, and when no WAL holds newer pages.
    if valid_for == change_counter and page_count and not wal_has_content:
        if path.stat().st_size < page_size * page_count:
            raise CorruptDatabaseError(
                f"Databasfilen {path} är trasig: den är kortare än den ska vara "
                f"({path.stat().st_size} av {page_size * page_count} byte). "
                "Återställ en säkerhetskopia.",
                path,
            )


class Access(NamedTuple):
    """Whether the program may write a database file and the folder it lies in.

    SQLite writes beside the file too (``-wal`` and ``-shm`` in WAL mode, a journal
    otherwise), so a writable file in a read-only folder cannot be saved to either."""

    file_writable: bool
    folder_writable: bool

    @property
    def read_only(self) -> bool:
        return not (self.file_writable and self.folder_writable)


def probe_access(path: Path | str) -> Access:
    """Find out, without changing anything, whether ``path`` can be written.

    ``os.access`` alone is not enough: it says yes to a read-only share mounted with
    generous permission bits, to an administrator on a file marked immutable and, on
    Windows, to any folder. So the file is also opened for writing (and closed again,
    nothing written) and a probe file is created in the folder and removed at once. A file
    that does not exist yet counts as writable when its folder is (it can be created)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    return Access(_file_writable(path), _folder_writable(folder, path.name))


def _file_writable(path: Path) -> bool:
    if not path.exists():
        return True
    if not os.access(path, os.W_OK):
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    os.close(fd)
    return True


def _folder_writable(folder: Path, name: str) -> bool:
    if not folder.is_dir():
        return True  # made when the database is created; failing that says so itself
    if not os.access(folder, os.W_OK):
        return False
    probe = folder / f".{name}.skrivprov-{os.getpid()}-{threading.get_ident()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT, 0o600)
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        probe.unlink()
    return True


def _wal_has_content(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def connect_readonly(path: Path | str, access: Access | None = None) -> sqlite3.Connection:
    """A read-only connection. Prefer :func:`reading`, which also tidies up after it.

    Where the file or its folder cannot be written (``access``, probed when not given)
    and no WAL holds pages the file lacks, it is opened ``immutable``: SQLite then needs
    no ``-wal``/``-shm`` beside it (which cannot be created in a read-only folder, and
    which a read-only connection cannot remove again from a writable one) and takes no
    locks. That is safe because nobody can change a file that cannot be written. With a
    WAL left beside it, ``mode=ro`` reads the WAL too (SQLite needs its ``-shm`` then)."""
    path = Path(path)
    if access is None:
        access = probe_access(path)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if access.read_only and not _wal_has_content(path):
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


@contextlib.contextmanager
def reading(path: Path | str, *, tidy: bool = True) -> Iterator[sqlite3.Connection]:
    """A read-only connection to ``path`` that leaves no trace behind.

    Reading a WAL-mode file creates ``-wal`` and ``-shm`` beside it, and a read-only
    connection cannot remove them again when it closes: a refused or merely checked
    file would keep two stray files in the user's folder. When this connection created
    them, a second connection that only reads the header is opened and closed, so that
    SQLite's own last-connection cleanup (which knows whether another program still has
    the file open) removes them. With nothing in the WAL that cleanup writes nothing to
    the database file.

    ``tidy=False`` skips that when all went well and the caller opens the file for
    writing next anyway (its connection takes them over); on an error it still tidies.
    """
    path = Path(path)
    existed = [side.exists() for side in _sidecars(path)]
    conn = connect_readonly(path)
    failed = True
    try:
        yield conn
        failed = False
    finally:
        conn.close()
        sides = _sidecars(path)
        created = any(not before and side.exists() for before, side in zip(existed, sides, strict=True))
        if created and (tidy or failed):
            _tidy_sidecars(path)


def _tidy_sidecars(path: Path) -> None:
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error:
        pass  # unreadable: the stray files stay, the database file is untouched
    finally:
        conn.close()


def inspect_file(path: Path | str, *, full_check: bool = False, opening: bool = False) -> FileState:
    """Look at ``path`` without writing to it and raise a :class:`DatabaseError`
    subclass with a Swedish message if it must not be opened.

    ``full_check`` runs ``PRAGMA integrity_check`` instead of the quicker
    ``quick_check``. ``opening``: the caller opens the file next when it passes (see
    :func:`reading`).
    """
    path = Path(path)
    if not path.exists():
        return FileState(path, exists=False, empty=True, schema_version=0)
    if path.is_dir():
        raise DatabaseAccessError(f"{path} är en mapp, inte en databasfil.", path)
    if path.stat().st_size == 0:
        return FileState(path, exists=True, empty=True, schema_version=0)
    _check_header(path, _read_header(path))
    try:
        with reading(path, tidy=not opening) as conn:
            return _inspect_contents(path, conn, full_check)
    except sqlite3.DatabaseError as exc:
        raise _reading_failed(path, exc) from exc


def _reading_failed(path: Path, exc: sqlite3.DatabaseError) -> DatabaseError:
    """What a failed read of ``path`` means. Damaged only when SQLite says the content
    is (SQLITE_CORRUPT, SQLITE_NOTADB); a file that cannot be opened, locked or written
    beside (a read-only folder, a share that went away) is not damaged, and restoring a
    backup over it would be the wrong advice."""
    text = str(exc)
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == sqlite3.SQLITE_NOTADB or "file is encrypted" in text:
        return NotADatabaseError(
            f"Filen {path} är ingen Nämndkansli-databas, eller så är den skadad ({text}).", path)
    if primary == sqlite3.SQLITE_CORRUPT:
        return CorruptDatabaseError(
            f"Databasfilen {path} är skadad ({text}). Återställ en säkerhetskopia.", path)
    return DatabaseAccessError(
        f"Databasfilen {path} kan inte läsas just nu ({text}). Den har inte ändrats. "
        "Kontrollera att filen och mappen går att nå (en nätverksmapp eller ett USB-minne kan "
        "ha kopplats från, eller ett annat program kan hålla filen låst) och försök igen.", path)


#: A file larger than this is opened for editing without first being read through by
#: ``quick_check``: on a kommun's ten-year archive (a gigabyte) that takes seconds with no
#: window on screen yet. The window checks such a file on a worker as soon as it is on
#: screen, before the day's backup is taken (ui/integrity_check.py).
QUICK_CHECK_MAX_BYTES = 128 * 2**20


def checked_before_opening(path: Path | str) -> bool:
    """Whether opening ``path`` for editing runs ``quick_check`` first (its size, with
    what its WAL holds, is at most :data:`QUICK_CHECK_MAX_BYTES`)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        return True
    wal = path.with_name(path.name + "-wal")
    with contextlib.suppress(OSError):
        size += wal.stat().st_size
    return size <= QUICK_CHECK_MAX_BYTES


def integrity_problems(path: Path | str) -> list[str]:
    """What ``quick_check`` finds wrong in ``path`` (empty: nothing), through a read-only
    connection, so that it can run beside the window's own. (SQLite runs the check as one
    step that cannot be stopped half-way; on a gigabyte it takes a few seconds.)"""
    with reading(path) as conn:
        problems = [r[0] for r in conn.execute("PRAGMA quick_check")]
    return [] if problems == ["ok"] else problems


def _inspect_contents(path: Path, conn: sqlite3.Connection, full_check: bool,
                      quick_check: bool = True) -> FileState:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    if app_id != APPLICATION_ID:
        if not tables:
            return FileState(path, exists=True, empty=True, schema_version=0)
        raise ForeignDatabaseError(
            f"Filen {path} är en SQLite-databas, men inte en Nämndkansli-databas. "
            "Den har inte ändrats.",
            path,
        )
    version = migrations.recorded_version(conn)
    if version > migrations.LATEST_VERSION:
        raise NewerSchemaError(
            f"Databasen {path} har skapats av en nyare version av Nämndkansli "
            f"(schemaversion {version}; den här versionen känner till "
            f"{migrations.LATEST_VERSION}). Uppdatera programmet. Filen har inte ändrats.",
            path,
        )
    if not (full_check or quick_check):
        return FileState(path, exists=True, empty=False, schema_version=version, integrity="unchecked")
    pragma = "integrity_check" if full_check else "quick_check"
    problems = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
    if problems != ["ok"]:
        raise CorruptDatabaseError(
            f"Databasfilen {path} är skadad ({'; '.join(problems[:3])}). "
            "Återställ en säkerhetskopia.",
            path,
        )
    return FileState(path, exists=True, empty=False, schema_version=version)


def connect(path: Path | str, *, read_only: bool | None = None) -> sqlite3.Connection:
    """A new connection for the calling thread, with our pragmas set.

    The file must already have passed :func:`inspect_file`. ``read_only`` None: read-only
    exactly when the file or its folder cannot be written (:func:`probe_access`), so that
    a worker reading, printing or exporting from a read-only file works there; a write
    through a read-only connection fails with SQLITE_READONLY, which db.errors turns into
    the Swedish message.
    """
    path = Path(path)
    if read_only is None:
        read_only = probe_access(path).read_only
    if read_only:
        return _connect_for_reading(path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.OperationalError as exc:
        raise DatabaseAccessError(f"Databasfilen {path} kan inte öppnas för skrivning: {exc}.", path) from exc
    return _configure_for_writing(conn, path)


def _configure_for_writing(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """Our pragmas on a writable connection (closed again when they cannot be set)."""
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            # Network shares and some file systems cannot hold WAL; stay correct anyway.
            conn.execute("PRAGMA journal_mode = DELETE")
        # FULL: a transaction the user saw committed survives a power cut too.
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.OperationalError as exc:
        conn.close()
        raise DatabaseAccessError(f"Databasfilen {path} kan inte öppnas för skrivning: {exc}.", path) from exc
    register_collation(conn)
    return conn


def _connect_for_reading(path: Path) -> sqlite3.Connection:
    try:
        conn = connect_readonly(path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Belt and braces: a read-only connection to a writable file refuses writes too.
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as exc:
        raise _reading_failed(path, exc) from exc
    register_collation(conn)
    return conn


@cache
def _database_class() -> type[Database]:
    # sqlite-utils (with click, dateutil, pluggy) takes longer to import than the rest
    # of start-up together, so it is imported when a service first needs it.
    from sqlite_utils import Database

    class ImmediateDatabase(Database):
        """``atomic()`` takes the write lock at BEGIN.

        sqlite-utils begins with a deferred BEGIN and reads the schema before it
        writes; when another connection (a worker thread, the CLI) commits in between,
        SQLite cannot upgrade the read to a write and fails at once with "database is
        locked" instead of waiting out the busy timeout. BEGIN IMMEDIATE waits.
        """

        @contextlib.contextmanager
        def atomic(self):
            if self.conn.in_transaction:
                with super().atomic():
                    yield self
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise

        # sqlite-utils finds these out by creating a table, and takes any failure for
        # "not supported" – also a full disk, a lock or a read-only file during the
        # first upsert. Without ON CONFLICT its upsert becomes INSERT OR IGNORE +
        # UPDATE, which silently stores nothing for a new row with a NOT NULL column
        # (the kommun's namn): a save after the disk had been full would report
        # success and be lost. The SQLite library's version answers both without writing.
        @property
        def supports_on_conflict(self) -> bool:
            return sqlite3.sqlite_version_info >= (3, 24, 0)

        @property
        def supports_strict(self) -> bool:
            return sqlite3.sqlite_version_info >= (3, 37, 0)

    return ImmediateDatabase


def wrap(conn: sqlite3.Connection) -> Database:
    """A sqlite-utils Database over ``conn`` (no plugins: they cost start-up time)."""
    return _database_class()(conn, execute_plugins=False)


def open_connection(
    path: Path | str,
    *,
    before_upgrade: Callable[[Path, int], None] | None = None,
    applied_at: str | None = None,
    progress: migrations.MigrationProgress | None = None,
) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at ``path``.

    ``before_upgrade(path, old_version)`` is called before an existing database is
    migrated to a newer schema, so that the caller can keep a copy first.
    ``applied_at`` is the time stamp recorded with the migrations applied (see
    :func:`db.migrations.migrate`), and ``progress`` hears how an upgrade advances.
    """
    path = Path(path)
    state, conn = _inspect_through_writable_connection(path)
    if state is None:
        state = inspect_file(path, opening=True)
    if not state.exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseAccessError(f"Mappen {path.parent} kan inte skapas: {exc.strerror}.", path) from exc
    if state.needs_upgrade and before_upgrade is not None:
        if conn is not None:
            conn.close()  # the copy kept before an upgrade is made with no connection open
            conn = None
        try:
            before_upgrade(path, state.schema_version)
        except BaseException:
            _tidy_sidecars(path)
            raise
    conn = connect(path) if conn is None else _configure_for_writing(conn, path)
    try:
        migrations.migrate(conn, APPLICATION_ID, applied_at=applied_at, progress=progress)
    except sqlite3.OperationalError as exc:
        conn.close()
        raise DatabaseAccessError(f"Databasen {path} kunde inte uppgraderas: {exc}.", path) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _inspect_through_writable_connection(path: Path) -> tuple[FileState | None, sqlite3.Connection | None]:
    """An existing, writable database is looked at (:func:`inspect_file`'s checks)
    through the connection it is then used with: every connection parses the whole
    schema on its first statement, and opening the file a second time would make the
    window wait for that twice. Nothing is written before the checks have passed: the
    connection only reads until its pragmas are set (:func:`_configure_for_writing`).
    (None, None) when the file is missing, empty or read-only: :func:`inspect_file`
    then looks at it as before."""
    try:
        if not path.is_file() or path.stat().st_size == 0 or probe_access(path).read_only:
            return None, None
    except OSError:
        return None, None
    _check_header(path, _read_header(path))
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.DatabaseError as exc:
        raise _reading_failed(path, exc) from exc
    try:
        return _inspect_contents(path, conn, False, quick_check=checked_before_opening(path)), conn
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _reading_failed(path, exc) from exc
    except BaseException:
        conn.close()
        raise


def open_for_reading(path: Path | str) -> tuple[sqlite3.Connection, Callable[[], None]]:
    """A read-only connection to an existing Nämndkansli database, checked as
    :func:`inspect_file` checks, and the function to call once it has been closed.

    Nothing is ever created, migrated or written: a missing path, an empty file and a
    file that would first have to be upgraded are refused with a Swedish
    :class:`DatabaseAccessError`. No lock is taken either, so it works beside the window
    that has the file open. The function returned removes the ``-wal``/``-shm`` this
    connection made beside a closed file (see :func:`reading`)."""
    path = Path(path)
    if not path.exists():
        raise DatabaseAccessError(f"Databasen {path} finns inte. Ingenting har skapats; kontrollera "
                                  "sökvägen.", path)
    access = probe_access(path)
    existed = [side.exists() for side in _sidecars(path)]

    def tidy() -> None:
        if any(not before and side.exists() for before, side in zip(existed, _sidecars(path), strict=True)):
            _tidy_sidecars(path)

    state = inspect_file(path, opening=True)
    try:
        if state.empty:
            raise DatabaseAccessError(f"{path} är ingen Nämndkansli-databas (filen är tom). Ingenting har "
                                      "skapats eller ändrats.", path)
        if state.needs_upgrade:
            raise DatabaseAccessError(_needs_upgrade_message(path, state.schema_version, access), path)
        conn = connect(path, read_only=True)
    except BaseException:
        tidy()
        raise
    return conn, tidy


def _needs_upgrade_message(path: Path, version: int, access: Access) -> str:
    if access.read_only:
        return (f"Databasen {path} är skrivskyddad och har schemaversion {version}, men den här versionen "
                f"av Nämndkansli behöver version {migrations.LATEST_VERSION} och kan inte uppgradera en fil "
                "som inte får ändras. Filen har inte ändrats. Kopiera den till en mapp där du får skriva "
                "(till exempel Dokument) och öppna kopian.")
    return (f"Databasen {path} har schemaversion {version} och uppgraderas till version "
            f"{migrations.LATEST_VERSION} när den öppnas i Nämndkansli. Öppna den i programmet en gång "
            "först; det här kommandot läser bara och har inte ändrat filen.")


def open_database(
    path: Path | str,
    *,
    before_upgrade: Callable[[Path, int], None] | None = None,
    applied_at: str | None = None,
) -> Database:
    """:func:`open_connection`, wrapped in a sqlite-utils Database."""
    return wrap(open_connection(path, before_upgrade=before_upgrade, applied_at=applied_at))
