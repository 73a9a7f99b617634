"""A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temporary folder, Unix socket only."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

SUPERUSER = "digigram_test"
# Debian's layout first; a PATH lookup covers other systems.
BINDIRS = (Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin"),
           Path("/usr/lib/postgresql/17/bin"))


def bindir() -> Path | None:
    for folder in BINDIRS:
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    return None if found is None else Path(found).resolve().parent


class Cluster:
    """One postgres server owned by an unprivileged user (PostgreSQL refuses root), no TCP port."""

    def __init__(self) -> None:
        folder = bindir()
        if folder is None:
            raise RuntimeError("PostgreSQL is not installed: run tools/ensure-postgres.sh (as root) or "
                               "install postgresql-15")
        self.bin = folder
        self.base = Path(tempfile.mkdtemp(prefix="digigram-pg-"))
        self.data = self.base / "data"
        # As root the server runs as the `postgres` user Debian's package creates.
        self.runas = "postgres" if os.geteuid() == 0 else None
        if self.runas is not None:
            shutil.chown(self.base, user=self.runas)
        self._names = itertools.count(1)
        self.started = False

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.runas is not None:
            cmd = ["runuser", "-u", self.runas, "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log = self.base / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed: {result.stderr.strip()}\n{tail}")

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync", "--no-instructions")
        self.resume()

    def resume(self) -> None:
        """Start the server on the cluster's files (again, after halt())."""
        # Durability settings off: a test cluster is thrown away, and fsync dominates on a busy disk.
        options = (f"-k {self.base} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=60 -c shared_buffers=64MB")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"), "-w", "-t", "60",
                  "-o", options, "start")
        self.started = True

    def halt(self) -> None:
        """Stop the server as an administrator would, keeping its files (resume() starts it again)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        self.started = False

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.started = False
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str, *, user: str = SUPERUSER, password: str | None = None) -> str:
        auth = user if password is None else f"{user}:{password}"
        return f"postgresql+psycopg://{auth}@/{database}?host={self.base}"

    def admin(self, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(host=str(self.base), user=SUPERUSER, dbname=database, autocommit=True)

    def create_database(self, *, template: str | None = None) -> str:
        name = f"t{os.getpid()}_{next(self._names)}"
        with self.admin() as conn:
            if template is None:
                conn.execute(f'CREATE DATABASE "{name}"')
            else:
                # FILE_COPY: the template is tiny, and copying its files beats WAL-logging every page.
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def running() -> Iterator[Cluster]:
    cluster = Cluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
