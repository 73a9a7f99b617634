"""Sync: push what a regional database lacks, as a bundle that never touches a removable disk.

The regional database is asked first which of this PC's finished checks it holds; the rest is exported
to a temporary bundle signed with a one-time key and imported into the regional database with every
check and conflict rule of an ordinary import. People and plans always travel (a plan changes after its
check; the import keeps the newer copy); a finished check never changes, so one the region holds is not
sent again. The import is one transaction, so a dropped connection (or a cancel) leaves the region as it
was, and running sync again completes it; records already there are skipped, so nothing is ever added
twice.
"""

from __future__ import annotations

import secrets
import tempfile
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import text

from digigram.core.coordination import BundleError, ImportReport
from digigram.core.errors import DigigramError
from digigram.core.framework import Framework
from digigram.core.i18n import N_
from digigram.services.bundles import rows
from digigram.services.bundles.importer import Progress, export_bundle, import_bundle
from digigram.store.db import connection_lost, role_refused
from digigram.store.startup import Store, open_store

# Said whenever a sync stops part-way: the one transaction guarantees it.
NOTHING_HALF_WRITTEN = N_("Nothing was half-written: the regional database is as it was before this sync, "
                          "and running the sync again completes it.")


# Checks' ids the regional database is asked about between two looks at a cancel.
ASKED_AT_ONCE = 2000

# The stages a sync reports through its progress before the records' own counts.
CONNECTING = "connect"
PREPARING = "prepare"


class SyncStopped(BundleError):
    """A sync that ended before it finished (connection lost, cancelled); the region is unchanged."""


def check_url(url: str) -> str:
    """The regional database's address as given, if it is one a sync may use and store.

    A password in the address would be kept in the settings and shown on screen: it belongs in a
    PostgreSQL service file or PGPASSFILE, which libpq reads by itself.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = url.strip()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DigigramError(N_("{url!r} is not a database address; it looks like "
                               "postgresql+psycopg://user@server/digigram?service=region.",
                               url=url)) from None
    if not parsed.drivername.startswith("postgresql"):
        raise DigigramError(N_("A sync goes to the region's PostgreSQL database; the address must begin with "
                               "postgresql+psycopg://."))
    if parsed.password is not None:
        raise DigigramError(N_("The address holds a password. Remove it and keep the password in a "
                               "PostgreSQL service file or a PGPASSFILE instead (the region's administrator "
                               "sets them up), so that it is never stored or shown in plain text."))
    return url


def _open_target(url: str, cancelled: Callable[[], bool] | None, stop: Callable[[], None]) -> Store:
    """The regional database, opened (and checked: a PostgreSQL server, Digigram's schema, a role that
    may read it) in a helper thread, so that a cancel takes effect at once even while a server keeps
    the connection waiting. An attempt left behind closes what it opened when it ends on its own
    (CONNECT_TIMEOUT bounds it)."""
    if cancelled is None:
        return open_store(database_url=url)
    lock = threading.Lock()
    done = threading.Event()
    abandoned = False
    outcome: list[Store] = []
    failure: list[BaseException] = []

    def attempt() -> None:
        try:
            store = open_store(database_url=url)
        except BaseException as exc:  # handed to the waiting thread, which raises it
            failure.append(exc)
            store = None
        with lock:
            late = abandoned
            if store is not None and not late:
                outcome.append(store)
            done.set()
        if store is not None and late:
            store.close()

    threading.Thread(target=attempt, name="digigram-sync-connect", daemon=True).start()
    while not done.wait(0.1):
        if cancelled():
            with lock:
                if not done.is_set():
                    abandoned = True
            if abandoned:
                stop()
    if failure:
        raise failure[0]
    return outcome[0]


def _may_import(target: Store) -> bool:
    """Whether the regional database lets this account add checks: not a role that may only read (the
    analyst's), which the import would otherwise meet only at its first write, after the bundle is made."""
    with target.sessions() as session:
        allowed = session.execute(text(
            "SELECT has_table_privilege('attempt', 'INSERT') "
            "AND has_table_privilege('check_answers', 'INSERT') "
            "AND current_setting('transaction_read_only') = 'off'")).scalar_one()
    return bool(allowed)


def push(source: Store, target_url: str, *, framework: Framework | None = None, lang: str | None = None,
         progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Everything finished in `source` that the database at `target_url` does not have yet.

    The regional database is reached first, so that a wrong address or a refused login is said within
    seconds, before the local database is read. Progress reports the stages CONNECTING and PREPARING
    (done = total = 0) before the records. `cancelled` is asked while connecting and at each progress
    step; once it says yes the sync stops with SyncStopped and nothing is written (the write
    transaction is rolled back).
    """

    def stop() -> None:
        raise SyncStopped(N_("The sync was cancelled. {rest}", rest=NOTHING_HALF_WRITTEN))

    def stop_if_cancelled() -> bool:
        """The export's "cancelled?" question, answered by stopping the sync itself (SyncStopped) when
        it was: so the export never says no and never half-answers."""
        if cancelled is not None and cancelled():
            stop()
        return False

    def heard(kind: str, done: int, total: int) -> None:
        stop_if_cancelled()
        if progress is not None:
            progress(kind, done, total)

    heard(CONNECTING, 0, 0)
    target = _open_target(target_url, cancelled, stop)
    lost = target.engine.dialect.loaded_dbapi.OperationalError
    key = secrets.token_bytes(32)  # the bundle stays on this PC, but is verified like any other
    held: set[str] = set()

    def leave_out(ids: list[str]) -> set[str]:
        # Asked a slice at a time, so that a cancel waits for one slice, not for a region's 47,000 checks.
        with target.sessions() as session:
            for start in range(0, len(ids), ASKED_AT_ONCE):
                stop_if_cancelled()
                held.update(rows.held_checks(session, ids[start:start + ASKED_AT_ONCE]))
        return held

    try:
        try:
            if not _may_import(target):
                raise role_refused()
            with tempfile.TemporaryDirectory(prefix="digigram-sync-") as tmp:
                heard(PREPARING, 0, 0)
                bundle = Path(tmp) / "sync.zip"
                # The export asks at each record file whether to stop: making a large PC's bundle takes
                # seconds, and a cancel waited for all of them. The region has not been touched yet.
                export_bundle(source, bundle, key=key, leave_out=leave_out,
                              cancelled=None if cancelled is None else stop_if_cancelled)
                stop_if_cancelled()  # a cancel during the export stops here, before the region is touched
                report = import_bundle(target, bundle, key=key, lang=lang, framework=framework,
                                       progress=heard)
        except SyncStopped:
            raise
        except Exception as exc:
            # A connection that drops shows as the driver's OperationalError: as the import's own refusal
            # (raised while writing) or bare (while reading, or while the region is asked which checks it
            # holds). Either way the region is unchanged.
            cause = exc.__cause__ if isinstance(exc, BundleError) else exc
            if cause is not None and connection_lost(cause, lost):
                raise SyncStopped(N_("The connection to the regional database was lost during the sync; "
                                     "everything was rolled back. Nothing was imported. {rest}",
                                     rest=NOTHING_HALF_WRITTEN)) from exc
            raise
    finally:
        target.close()
    with source.sessions() as session:
        kept_back = rows.rows_of_checks(session, held)
    # The checks not sent count as what the region had already, as the import counts those it skips.
    return replace(report, unchanged={kind: count + kept_back.get(kind, 0)
                                      for kind, count in report.unchanged.items()})
