"""Sync: push what a regional database lacks, as a bundle that never touches a removable disk.

The local database is exported to a temporary bundle signed with a one-time key and imported into the
regional database with every check and conflict rule of an ordinary import. The import is one
transaction, so a dropped connection leaves the region as it was, and running sync again completes it;
records already there are skipped, so nothing is ever added twice.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from digigram.core.coordination import ImportReport
from digigram.core.framework import Framework
from digigram.services.bundles.importer import Progress, export_bundle, import_bundle
from digigram.store.startup import Store, open_store


def push(source: Store, target_url: str, *, framework: Framework | None = None, lang: str | None = None,
         progress: Progress | None = None) -> ImportReport:
    """Everything finished in `source` that the database at `target_url` does not have yet."""
    key = secrets.token_bytes(32)  # the bundle stays on this PC, but is verified like any other
    with tempfile.TemporaryDirectory(prefix="digigram-sync-") as tmp:
        bundle = Path(tmp) / "sync.zip"
        export_bundle(source, bundle, key=key)
        target = open_store(database_url=target_url)
        try:
            return import_bundle(target, bundle, key=key, lang=lang, framework=framework, progress=progress)
        finally:
            target.close()
