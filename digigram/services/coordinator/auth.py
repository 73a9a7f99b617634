"""The coordinator password: a scrypt hash in settings and a growing wait after failed tries, kept on disk."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from digigram.core.coordination import MIN_PASSWORD, CoordinatorError, CoordinatorLocked, lockout_seconds
from digigram.core.i18n import N_
from digigram.core.records import Change
from digigram.store.db import transaction
from digigram.store.repo import settings as setting_rows

PASSWORD_KEY = "coordinator.password"
FAILURES_KEY = "coordinator.failures"
# Settings only the coordinator code writes: Workspace.set_setting refuses them.
PROTECTED_PREFIX = "coordinator."

# n=2**15 costs about 70 ms here: slow for a guessing program, unnoticed by a person. It needs
# 32 MiB, exactly OpenSSL's default cap, hence the explicit maxmem.
_N, _R, _P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024


def _now() -> datetime:
    """The current time (tests replace this to step the clock)."""
    return datetime.now(UTC)


def _bytes(password: str) -> bytes:
    # The same letters typed on different keyboards (ї as one or two code points) give the same key.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)  # a fresh random salt for each install and each new password
    digest = hashlib.scrypt(_bytes(password), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def password_matches(stored: str, password: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        candidate = hashlib.scrypt(_bytes(password), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                                   p=int(p), maxmem=_MAXMEM)
    except ValueError:
        return False
    return hmac.compare_digest(candidate, bytes.fromhex(digest))


def _get(sessions: sessionmaker[Session], key: str) -> Any:
    with sessions() as session:
        found, value = setting_rows.get_setting(session, key)
    return value if found else None


def password_is_set(sessions: sessionmaker[Session]) -> bool:
    return isinstance(_get(sessions, PASSWORD_KEY), str)


def _check_strength(password: str) -> None:
    if len(password.strip()) < MIN_PASSWORD:
        raise CoordinatorError(
            N_("The coordinator password must have at least {MIN_PASSWORD} characters.",
               MIN_PASSWORD=MIN_PASSWORD),
        )


def set_first_password(sessions: sessionmaker[Session], new: str) -> Change:
    """Set the password at first use; refused once one exists (change it from coordinator mode)."""
    _check_strength(new)
    hashed = hash_password(new)
    with transaction(sessions) as session:
        found, value = setting_rows.get_setting(session, PASSWORD_KEY)
        if found and isinstance(value, str):
            raise CoordinatorError(
                N_("A coordinator password is already set. It can be changed in coordinator mode."),
            )
        setting_rows.set_setting(session, PASSWORD_KEY, hashed)
        setting_rows.set_setting(session, FAILURES_KEY, {"count": 0, "last": None})
    return Change("setting", (PASSWORD_KEY,))


def _failures(sessions: sessionmaker[Session]) -> tuple[int, datetime | None]:
    value = _get(sessions, FAILURES_KEY)
    if not isinstance(value, dict):
        return 0, None
    count = value.get("count")
    last = value.get("last")
    try:
        when = datetime.fromisoformat(last) if isinstance(last, str) else None
    except ValueError:
        when = None
    return (count if isinstance(count, int) and count > 0 else 0), when


def _wait_left(count: int, last: datetime | None, now: datetime) -> int:
    delay = lockout_seconds(count)
    if delay == 0 or last is None:
        return 0
    # A clock set back must not shorten the wait: time before the last failure counts as none passed.
    passed = max((now - last).total_seconds(), 0.0)
    return max(int(delay - passed + 0.999), 0)


def _locked(wait: int) -> CoordinatorLocked:
    return CoordinatorLocked(
        N_("Too many failed tries. Try again in {wait} s.", wait=wait),
        wait_seconds=wait,
    )


def verify(sessions: sessionmaker[Session], password: str) -> None:
    """Return when the password is right; else record the failure and raise CoordinatorLocked.

    While the wait after earlier failures lasts, the try is refused without looking at the password.
    """
    stored = _get(sessions, PASSWORD_KEY)
    if not isinstance(stored, str):
        raise CoordinatorError(
            N_("No coordinator password has been set yet.")
        )
    count, last = _failures(sessions)
    wait = _wait_left(count, last, _now())
    if wait > 0:
        raise _locked(wait)
    if password_matches(stored, password):
        if count:
            with transaction(sessions) as session:
                setting_rows.set_setting(session, FAILURES_KEY, {"count": 0, "last": None})
        return
    now = _now()
    with transaction(sessions) as session:
        setting_rows.set_setting(session, FAILURES_KEY, {"count": count + 1, "last": now.isoformat()})
    wait = lockout_seconds(count + 1)
    if wait:
        text = N_("Wrong coordinator password. The next try is possible in {wait} s.", wait=wait)
    else:
        text = N_("Wrong coordinator password.")
    raise CoordinatorLocked(text, wait_seconds=wait)


def replace_password(sessions: sessionmaker[Session], old: str, new: str) -> Change:
    """A new password after the old one is confirmed; the data is untouched (it is not encrypted by it)."""
    verify(sessions, old)
    _check_strength(new)
    hashed = hash_password(new)
    with transaction(sessions) as session:
        setting_rows.set_setting(session, PASSWORD_KEY, hashed)
        setting_rows.set_setting(session, FAILURES_KEY, {"count": 0, "last": None})
    return Change("setting", (PASSWORD_KEY,))
