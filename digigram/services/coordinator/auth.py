"""Secrets that open data: the coordinator password and people's PINs, with a growing wait after failures.

The password hash and every failure count live in the vault (store/vault.py), outside the database
file that `digigram restore` replaces, so a restore can neither remove the password nor reset a wait.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from digigram.core.coordination import MIN_PASSWORD, CoordinatorError, CoordinatorLocked, lockout_seconds
from digigram.core.errors import DigigramError, StorageError
from digigram.core.i18n import N_, Message
from digigram.core.records import Change
from digigram.services.secrets import hash_secret, secret_matches
from digigram.store.db import WriteRefused
from digigram.store.vault import Vault

PASSWORD_KEY = "coordinator.password"
FAILURES_KEY = "coordinator.failures"
PIN_FAILURES_PREFIX = "pin.failures."
# Keys that older versions kept in the settings table; moved into the vault when a database is opened.
VAULT_KEYS = (PASSWORD_KEY, FAILURES_KEY)
# Settings only the coordinator code writes: Workspace.set_setting refuses them.
PROTECTED_PREFIX = "coordinator."


class PinLocked(DigigramError):
    """A wrong PIN, or a PIN typed before the wait after earlier wrong ones has passed."""

    def __init__(self, text: Message, /, *, wait_seconds: int = 0) -> None:
        super().__init__(text)
        self.wait_seconds = wait_seconds


def _now() -> datetime:
    """The current time (tests replace this to step the clock)."""
    return datetime.now(UTC)


def hash_password(password: str) -> str:
    return hash_secret(password)


def password_is_set(vault: Vault) -> bool:
    return isinstance(vault.get(PASSWORD_KEY), str)


def _check_strength(password: str) -> None:
    if len(password.strip()) < MIN_PASSWORD:
        raise CoordinatorError(
            N_("The coordinator password must have at least {MIN_PASSWORD} characters.",
               MIN_PASSWORD=MIN_PASSWORD),
        )


def set_first_password(vault: Vault, new: str) -> Change:
    """Set the password at first use; refused once one exists (change it from coordinator mode)."""
    _check_strength(new)
    hashed = hash_password(new)

    def first(old: Any) -> Any:
        if isinstance(old, str):
            raise CoordinatorError(
                N_("A coordinator password is already set. It can be changed in coordinator mode."),
            )
        return hashed

    vault.update(PASSWORD_KEY, first)
    return Change("setting", (PASSWORD_KEY,))


def _parse(value: Any) -> tuple[int, datetime | None]:
    if not isinstance(value, dict):
        return 0, None
    count, last = value.get("count"), value.get("last")
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


def failures(vault: Vault, key: str) -> int:
    """How many wrong tries in a row are on record under `key`."""
    return _parse(vault.get(key))[0]


def _guarded(vault: Vault, key: str, right: Callable[[], bool]) -> tuple[bool, int]:
    """(whether the secret was right, the wait now due); raises _Waiting while an earlier wait lasts.

    The try is counted as a failure before the secret is even looked at, in the same write transaction
    that checks the wait; a right secret then clears the count. So tries made at the same moment by
    several programs are each counted, and none slips past the wait.
    """
    now = _now()
    refused: list[int] = []

    def take_turn(old: Any) -> Any:
        count, last = _parse(old)
        wait = _wait_left(count, last, now)
        if wait > 0:
            refused.append(wait)
            return old
        return {"count": count + 1, "last": now.isoformat()}

    try:
        taken = vault.update(key, take_turn)
    except WriteRefused as exc:
        if exc.reason == "full":
            raise StorageError(N_("The disk is full, so this try could not be counted and was not checked. "
                                  "Free some disk space and try again.")) from exc
        if exc.reason not in ("role", "read-only"):
            raise
        # A read-only account (the regional analyst, a write-protected file) cannot record the try. Such
        # an account reads every table already, so the count would guard nothing it cannot see anyway:
        # the secret is checked without it.
        return right(), 0
    if refused:
        raise _Waiting(refused[0])
    if right():
        vault.update(key, lambda _old: None)
        return True, 0
    return False, lockout_seconds(_parse(taken)[0])


class _Waiting(Exception):
    def __init__(self, wait: int) -> None:
        super().__init__(wait)
        self.wait = wait


def verify(vault: Vault, password: str) -> None:
    """Return when the password is right; else record the failure and raise CoordinatorLocked.

    While the wait after earlier failures lasts, the try is refused without looking at the password.
    """
    stored = vault.get(PASSWORD_KEY)
    if not isinstance(stored, str):
        raise CoordinatorError(
            N_("No coordinator password has been set yet. Set one with «digigram password» (and the same "
               "--data-dir or --database).")
        )
    try:
        ok, wait = _guarded(vault, FAILURES_KEY, lambda: secret_matches(stored, password))
    except _Waiting as waiting:
        raise CoordinatorLocked(
            N_("Too many failed tries. Try again in {wait} s.", wait=waiting.wait), wait_seconds=waiting.wait,
        ) from None
    if ok:
        return
    if wait:
        text = N_("Wrong coordinator password. The next try is possible in {wait} s.", wait=wait)
    else:
        text = N_("Wrong coordinator password.")
    raise CoordinatorLocked(text, wait_seconds=wait)


def verify_pin(vault: Vault, person_id: str, stored: str, pin: str) -> bool:
    """True for the right PIN; False for a wrong one (counted); PinLocked while a wait lasts."""
    try:
        ok, wait = _guarded(vault, PIN_FAILURES_PREFIX + person_id, lambda: secret_matches(stored, pin))
    except _Waiting as waiting:
        raise PinLocked(
            N_("Too many wrong PINs. Try again in {wait} s.", wait=waiting.wait), wait_seconds=waiting.wait,
        ) from None
    if not ok and wait:
        raise PinLocked(N_("The PIN does not match. The next try is possible in {wait} s.", wait=wait),
                        wait_seconds=wait)
    return ok


def forget_pin_failures(vault: Vault, person_id: str) -> None:
    """Drop a deleted person's count (ids are never reused, so this only keeps the vault small)."""
    vault.update(PIN_FAILURES_PREFIX + person_id, lambda _old: None)


def replace_password(vault: Vault, old: str, new: str) -> Change:
    """A new password after the old one is confirmed; the data is untouched (it is not encrypted by it)."""
    verify(vault, old)
    _check_strength(new)
    hashed = hash_password(new)
    vault.update(PASSWORD_KEY, lambda _old: hashed)
    vault.update(FAILURES_KEY, lambda _old: None)
    return Change("setting", (PASSWORD_KEY,))
