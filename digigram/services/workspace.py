"""The one facade the desktop app and the command line use for stored data: people, quizzes, plans.

Opening is kept light for the desktop app's first screen: the framework comes from its compiled cache,
the database is checked with sqlite3, and SQLAlchemy, numpy and the quiz engine load on first use (or in
the background, see preload()); until then the home screen's reads go through store.light.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from digigram.core import limits, paths
from digigram.core.errors import DigigramError, FrameworkError, NoSuchPerson, QuizError, StorageError
from digigram.core.framework import Framework
from digigram.core.framework_cache import load_cached
from digigram.core.i18n import N_
from digigram.core.names import sort_key
from digigram.core.records import Attempt, Change, Person, Plan, latest_finished
from digigram.core.regions import Hub, Region
from digigram.store import backup, light
from digigram.store.db import transaction
from digigram.store.startup import Store, open_store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from digigram.core import plan as suggestions_
    from digigram.core.engine import Quiz
    from digigram.core.programme import Programme, ProgrammeFilter
    from digigram.core.scoring import QuizResult
    from digigram.services.coordinator.mode import Coordinator
    from digigram.services.quiz import QuizSession
    from digigram.store.vault import Vault

# What the first check, the first write and the results screen need; preload() imports them ahead.
HEAVY_MODULES = (
    "sqlalchemy.orm",
    "digigram.store.models",
    "digigram.store.repo.attempts",
    "digigram.store.repo.people",
    "digigram.store.repo.plans",
    "digigram.store.repo.settings",
    "digigram.services.coordinator.auth",
    "digigram.services.people",
    "digigram.services.quiz",
    "digigram.core.engine",
    "digigram.core.plan",
)


def _read_framework(path: Path) -> tuple[Framework, str]:
    """The framework and its exact text (kept so old attempts can be shown on it later)."""
    try:
        data = path.read_bytes()
    except OSError:
        from digigram.core.loader import load_framework

        return load_framework(path), ""  # the loader words the "cannot read" message
    source = path.resolve()
    framework = load_cached(data, name=str(path), base_dir=source.parent, source=source,
                            cache_dir=paths.cache_dir())
    return framework, data.decode("utf-8")


class Workspace:
    """Open with Workspace.open(); each method is one unit of work on its own database session."""

    def __init__(self, store: Store, framework: Framework, framework_text: str) -> None:
        self._store = store
        self._framework = framework
        self._frameworks: dict[str, Framework] = {framework.content_hash: framework}
        self._vault_ready: Vault | None = None
        self._framework_text = framework_text  # stored as a snapshot before the first write
        self._preloading: threading.Thread | None = None
        self._preload_error: BaseException | None = None
        self._closed = False  # a preload asked for after close() (a late timer) then does nothing
        if store.read_only:  # nothing is written: the framework's snapshot waits for a start that writes
            self._framework_text = ""
        if not store.backup_due:
            self._finish_start()

    @property
    def _sessions(self) -> sessionmaker[Session]:
        """The ORM's sessions; the first use finishes the start (backup, framework snapshot) first."""
        if self._store.backup_due or self._framework_text:
            self._finish_start()
        return self._store.sessions

    def _finish_start(self) -> None:
        """Back up (when open() left it for later), then keep the framework's text: before any write."""
        preloading = self._preloading
        if preloading is not None and preloading is not threading.current_thread():
            preloading.join()  # never import the same modules from two threads at once
            self._preloading = None
        if self._preload_error is not None:
            error, self._preload_error = self._preload_error, None
            raise error
        self._store.backup_at_start()
        text, self._framework_text = self._framework_text, ""
        if text:
            from digigram.store.db import WriteRefused
            from digigram.store.repo import attempts as attempt_rows

            framework = self._framework
            name = framework.source.name if framework.source else ""
            try:
                with transaction(self._store.sessions) as session:
                    attempt_rows.store_snapshot(
                        session, content_hash=framework.content_hash, framework_id=framework.id,
                        version=framework.version, file_name=name, text=text,
                    )
            except WriteRefused as refused:
                # A regional account that may only read (the analyst's) on a database that lacks this
                # framework version's text: it writes no check to need it, so it still opens to read; a
                # write it attempts later is refused in words of its own.
                if refused.reason != "role":
                    raise

    def preload(self, done: Callable[[], None] | None = None) -> None:
        """In a background thread: load SQLAlchemy, numpy and the engine, and make a due start backup.

        The desktop app calls this once its home screen takes input; `done` runs in that thread at the
        end (the app hands it to its event loop, which then calls finish_start()). Anything that needs
        the database before then waits for this thread, so the work is never done twice or interleaved.
        """

        def work() -> None:
            try:
                import importlib

                for name in HEAVY_MODULES:
                    importlib.import_module(name)
                self._store.backup_at_start()  # sqlite3's online backup; a file copy, no ORM
                self._store.engine  # noqa: B018  (made here so that the first write does not wait for it)
            except BaseException as exc:  # raised again on the main thread by finish_start()
                self._preload_error = exc
            finally:
                if done is not None:
                    done()

        if self._preloading is None and not self._closed:
            self._preloading = threading.Thread(target=work, name="digigram-preload", daemon=True)
            self._preloading.start()

    def finish_start(self) -> None:
        """Complete the start now: what preload() did not do yet, the framework snapshot after it."""
        self._finish_start()

    @classmethod
    def open(
        cls,
        *,
        data_dir: str | Path | None = None,
        database_url: str | None = None,
        framework_path: str | Path | None = None,
        backup_later: bool = False,
        existing: bool = False,
        reading_only: bool = False,
        read_server: bool = False,
    ) -> Workspace:
        """Check, back up and migrate the database, then load the framework (the shipped one by default).

        With `backup_later` (the desktop app) the start backup and the framework snapshot wait for
        preload()/finish_start() or the first use of the database, whichever comes first. With `existing`
        (commands that only read) a missing data folder or database is refused, never created. With
        `reading_only` (commands that never write) the database is only read: see store.startup.open_store.
        With `read_server` (the desktop app) a database server's tables are never created or migrated here.
        """
        if framework_path is None:
            from competency_framework import shipped_framework_path

            framework_path = shipped_framework_path()
        framework, text = _read_framework(Path(framework_path))
        store = open_store(data_dir=None if data_dir is None else Path(data_dir), database_url=database_url,
                           backup_later=backup_later, existing=existing, reading_only=reading_only,
                           read_server=read_server)
        try:
            return cls(store, framework, text)
        except BaseException:
            store.close()
            raise

    @property
    def _light_db(self) -> Path | None:
        """The database file while the ORM is not in use yet: then reads go through store.light (not for a
        store opened to be read only: its connections are made as store.db.connect_read_only makes them)."""
        return None if self._store.loaded or self._store.read_only else self._store.db_path

    @property
    def framework(self) -> Framework:
        return self._framework

    @property
    def store(self) -> Store:
        """The open store, for services below the facade (bundles); the UI never sees it."""
        self._finish_start()
        return self._store

    @property
    def database_path(self) -> Path | None:
        return self._store.db_path

    @property
    def vault(self) -> Vault:
        """Where secrets and failure counts are kept, out of reach of a restore (for coordinator mode)."""
        return self._vault

    @property
    def _vault(self) -> Vault:
        if self._vault_ready is None:
            from digigram.services.coordinator.auth import VAULT_KEYS
            from digigram.store.vault import take_over_settings, vault_for

            vault = vault_for(self._sessions, self._store.db_path)
            # Older versions kept the password and its failure count in the database, where a restore
            # could roll them back; from now on they live in the vault beside it (moved by a start that
            # may write).
            if not self._store.read_only:
                take_over_settings(vault, self._sessions, VAULT_KEYS)
            self._vault_ready = vault
        return self._vault_ready

    @property
    def notices(self) -> list[DigigramError]:
        """Problems met while opening that did not stop it (no room for the start-up backup)."""
        return list(self._store.notices)

    def close(self) -> None:
        self._closed = True
        if self._preloading is not None:
            self._preloading.join()
        self._store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def backup_now(self, reason: str = "manual") -> Path | None:
        """A backup now (before an import, say); None when nothing changed since the last one."""
        if self._store.db_path is None or self._store.backup_dir is None:
            return None
        self._finish_start()
        return backup.make_backup(self._store.db_path, self._store.backup_dir, reason=reason)

    # --- people ---------------------------------------------------------------------------------

    def people(self) -> list[Person]:
        """Everyone, in Ukrainian alphabetical order (А … Є … І … Я), the order every list shows."""
        if (db := self._light_db) is not None:
            found = light.list_people(db)
        else:
            from digigram.store.repo import people as people_rows

            with self._sessions() as session:
                found = people_rows.list_people(session)
        return found

    def person(self, person_id: str) -> Person:
        from digigram.store.repo import people as people_rows

        with self._sessions() as session:
            found = people_rows.get_person(session, person_id)
        if found is None:
            raise NoSuchPerson(N_("There is no such person in the database."))
        return found

    def find_person(self, name: str) -> Person | None:
        """The person with this name; letter case is not asked for (SQLite's lower() knows no Cyrillic)."""
        from digigram.store.repo import people as people_rows

        with self._sessions() as session:
            exact = people_rows.find_person(session, name)
            if exact is not None:
                return exact
            wanted = name.strip().casefold()
            return next((p for p in people_rows.list_people(session) if p.name.strip().casefold() == wanted),
                        None)

    def create_person(
        self,
        name: str,
        *,
        hub: str = "",
        profile_id: str | None = None,
        pin: str | None = None,
        consent: bool = True,
        group: str = "",
        hub_id: str | None = None,
    ) -> Person:
        """Add a person; the profile defaults to the framework's first one.

        The desktop app passes `hub_id`, a hub chosen from hubs(); `hub`, a name, is for the terminal and
        older callers and is linked to the hub of that name (one without a region is made if none).
        """
        from digigram.store.repo import hubs as hub_rows
        from digigram.store.repo import people as people_rows

        name = name.strip()
        if not name:
            raise QuizError(N_("Please give a name."))
        limits.check_text(name, field="name", limit=limits.NAME_MAX)
        hub = limits.check_text(hub.strip(), field="hub", limit=limits.HUB_MAX)
        group = limits.check_text(group.strip(), field="group", limit=limits.GROUP_MAX)
        if pin is not None and len(pin) > limits.PIN_MAX:
            raise limits.LimitError(N_("The PIN is too long: at most {PIN_MAX} characters.",
                                       PIN_MAX=limits.PIN_MAX))
        if pin and limits.pin_too_short(pin):
            raise limits.LimitError(N_("The PIN is too short: at least {PIN_MIN} characters other than "
                                       "spaces.", PIN_MIN=limits.PIN_MIN))
        if profile_id is None and self._framework.default_profile is not None:
            profile_id = self._framework.default_profile.id
        if profile_id is not None:
            self._check_profile(profile_id)
        pin_hash = None
        if pin:
            from digigram.services.secrets import hash_secret  # loads OpenSSL: only for a PIN

            pin_hash = hash_secret(pin)
        with transaction(self._sessions) as session:
            if hub_id is not None and hub_rows.hub(session, hub_id) is None:
                raise QuizError(N_("That hub is not in this computer's list any more; choose another."))
            return people_rows.add_person(
                session, name=name, hub=hub, profile_id=profile_id,
                pin_hash=pin_hash,
                consent_at=datetime.now(UTC) if consent else None, group=group, hub_id=hub_id,
            )

    def regions(self) -> list[Region]:
        """Ukraine's regions, by ISO 3166-2:UA code."""
        from digigram.store.repo import hubs as hub_rows

        with self._sessions() as session:
            return hub_rows.regions(session)

    def hubs(self) -> list[Hub]:
        """The hubs to choose from, by name."""
        from digigram.store.repo import hubs as hub_rows

        with self._sessions() as session:
            found = hub_rows.hubs(session)
        return sorted(found, key=lambda h: (sort_key(h.name), h.region_id or "", h.id))

    def programme_filter(self, *, region: str | None = None, hub: str | None = None,
                         since: date | None = None) -> ProgrammeFilter:
        """A region (ISO code or name) and a hub (id or name) as typed, checked against the stored lists."""
        from digigram.services import programme

        return programme.resolve(self.regions(), self.hubs(), region=region, hub=hub, since=since)

    def programme(self, filters: ProgrammeFilter | None = None, *,
                  min_answers: int | None = None) -> Programme:
        """The programme's figures for the filter (everyone when None); reads only, so any role may ask.
        `min_answers`: answers a question needs to be listed among the hardest (default 30)."""
        from digigram.core.programme import ProgrammeFilter
        from digigram.services import programme

        if min_answers is None:
            return programme.picture(self._sessions, self.framework, filters or ProgrammeFilter())
        return programme.picture(self._sessions, self.framework, filters or ProgrammeFilter(),
                                 min_answers=min_answers)

    def add_hub(self, name: str, *, region_id: str | None) -> Hub:
        """A new hub in a region (the coordinator's "add a hub"); refused if the region already has it."""
        from digigram.store.clock import now as clock_now
        from digigram.store.repo import hubs as hub_rows

        name = " ".join(name.split())
        if not name:
            raise QuizError(N_("Please give the hub a name."))
        limits.check_text(name, field="hub", limit=limits.HUB_MAX)
        with transaction(self._sessions) as session:
            if region_id is not None and not hub_rows.region_exists(session, region_id):
                raise QuizError(N_("Unknown region {region_id!r}.", region_id=region_id))
            added = hub_rows.add_hub(session, name=name, region_id=region_id, region_set_at=clock_now())
            if added is None:
                raise QuizError(N_("The hub {name!r} already exists in this region; choose it from the list.",
                                   name=name))
            return added

    def set_consent(self, person_id: str, consent: bool = True) -> Change:
        from digigram.store.repo import people as people_rows

        with transaction(self._sessions) as session:
            people_rows.set_consent(session, person_id, datetime.now(UTC) if consent else None)
        return Change("person", (person_id,), person_id=person_id)

    def check_pin(self, person_id: str, pin: str) -> bool:
        """True when the PIN matches (or the person has none); False for a wrong one.

        Each wrong PIN is counted per person in the vault, which a restart or a restore keeps; from
        the second one in a row a growing wait follows, during which PinLocked is raised.
        """
        from digigram.services.coordinator.auth import verify_pin
        from digigram.store.repo import people as people_rows

        with self._sessions() as session:
            stored = people_rows.pin_hash(session, person_id)
        return True if stored is None else verify_pin(self._vault, person_id, stored, pin)

    def _check_profile(self, profile_id: str) -> None:
        if profile_id not in {p.id for p in self._framework.profiles}:
            known = ", ".join(p.id for p in self._framework.profiles)
            raise QuizError(N_("The framework has no profile {profile_id!r} (it has: {known}).",
                               profile_id=profile_id, known=known))

    # --- quizzes --------------------------------------------------------------------------------

    def unfinished_attempt(self, person_id: str) -> Attempt | None:
        from digigram.store.repo import attempts as attempt_rows

        with self._sessions() as session:
            return attempt_rows.unfinished_attempt(session, person_id)

    def abandon_quiz(self, attempt_id: str) -> Change:
        """Give up an unfinished check (its answers stay stored); "start over" does this first."""
        from digigram.store.repo import attempts as attempt_rows

        attempt = self.attempt(attempt_id)
        if attempt.status != "in_progress":
            raise QuizError(N_("This check is already finished."))
        with transaction(self._sessions) as session:
            attempt_rows.set_attempt_status(session, attempt_id, "abandoned")
        return Change("attempt", (attempt_id,), attempt.person_id)

    def attempt(self, attempt_id: str) -> Attempt:
        from digigram.store.repo import attempts as attempt_rows

        with self._sessions() as session:
            found = attempt_rows.get_attempt(session, attempt_id)
        if found is None:
            raise StorageError(N_("There is no such attempt in the database."))
        return found

    def start_quiz(
        self, person_id: str, *, mode: str = "full", rating_before: int | None = None,
        profile_id: str | None = None, seed: int | None = None,
    ) -> QuizSession:
        """A new attempt on the current framework; items seen in earlier attempts are asked last."""
        from digigram.services.quiz import QuizSession, rebuild
        from digigram.store.repo import attempts as attempt_rows

        person = self.person(person_id)
        profile = profile_id or person.profile_id or (
            self._framework.default_profile.id if self._framework.default_profile else "")
        if profile:
            self._check_profile(profile)
        if rating_before is not None and not 1 <= rating_before <= 10:
            raise QuizError(N_("The self-rating must be from 1 to 10."))
        fw = self._framework
        with transaction(self._sessions) as session:
            seen = attempt_rows.seen_items(session, person_id)
            attempt = attempt_rows.add_attempt(
                session, person_id=person_id, framework_id=fw.id, framework_version=fw.version,
                framework_hash=fw.content_hash, profile_id=profile, mode=mode,
                seed=random.SystemRandom().randrange(2**31) if seed is None else seed,
                exclude=sorted(seen), rating_before=rating_before,
            )
        try:
            quiz = rebuild(fw, attempt, [])
        except QuizError:
            with transaction(self._sessions) as session:
                attempt_rows.set_attempt_status(session, attempt.id, "abandoned")
            raise
        quiz_session = QuizSession(self._sessions, attempt, quiz)
        quiz_session.remember_current()
        return quiz_session

    def resume_quiz(self, attempt_id: str) -> QuizSession:
        """The attempt rebuilt by replaying its stored answers on the framework it was started on."""
        from digigram.services.quiz import QuizSession

        attempt, _, quiz = self._replayed(attempt_id)
        return QuizSession(self._sessions, attempt, quiz)

    def results_for(self, attempt_id: str) -> QuizResult:
        """The attempt's result: for a finished attempt the one stored at the finish, exactly as shown
        then; otherwise the result so far, from the stored answers on the framework it was started on."""
        from digigram.core.result_record import result_from_record
        from digigram.store.repo import attempts as attempt_rows

        with self._sessions() as session:
            record = attempt_rows.stored_result(session, attempt_id)
        if record is not None:
            return result_from_record(record)
        return self._replayed(attempt_id)[2].result()

    def history(self, person_id: str) -> list[Attempt]:
        """Every attempt of the person, oldest first, with the per-area results stored at finish."""
        from digigram.store.repo import attempts as attempt_rows

        with self._sessions() as session:
            return attempt_rows.attempts_for(session, person_id)

    def latest_finished(self, person_id: str) -> Attempt | None:
        """The person's most recently finished check, or None."""
        return latest_finished(self.history(person_id))

    def framework_for(self, attempt: Attempt) -> Framework:
        """The framework an attempt was taken on, from its stored snapshot."""
        cached = self._frameworks.get(attempt.framework_hash)
        if cached is not None:
            return cached
        # Only here: the loader brings YAML and the checks (about 2 MiB), which the usual case, an
        # attempt on the framework in use, does not need.
        from digigram.core.loader import load_framework_text
        from digigram.store.repo import attempts as attempt_rows

        with self._sessions() as session:
            found = attempt_rows.snapshot(session, attempt.framework_hash)
        if found is None:
            raise StorageError(
                N_("The database lacks the framework {framework_id} {framework_version} this attempt was "
                   "taken on.",
                   framework_id=attempt.framework_id, framework_version=attempt.framework_version),
            )
        file_name, text = found
        # Handouts are looked for beside the current framework, but one that is gone (a release retired
        # it, or a custom framework's folder was removed) must not make an old check unreadable.
        base = self._framework.source.parent if self._framework.source else Path(".")
        try:
            framework = load_framework_text(text, name=file_name or "<stored framework>", base_dir=base,
                                            files_required=False)
        except FrameworkError as exc:
            raise StorageError(
                N_("The stored framework {framework_id} {framework_version} could not be read: {problem}",
                   framework_id=attempt.framework_id, framework_version=attempt.framework_version,
                   problem=exc.text),
            ) from exc
        self._frameworks[attempt.framework_hash] = framework
        return framework

    def _replayed(self, attempt_id: str) -> tuple[Attempt, Framework, Quiz]:
        from digigram.services.quiz import rebuild
        from digigram.store.repo import attempts as attempt_rows

        attempt = self.attempt(attempt_id)
        framework = self.framework_for(attempt)
        with self._sessions() as session:
            stored = attempt_rows.answers(session, attempt_id)
        return attempt, framework, rebuild(framework, attempt, stored)

    # --- plans and settings ---------------------------------------------------------------------

    def suggestions(self, attempt_id: str, *, lang: str | None = None,
                    offline_first: bool = False) -> list[suggestions_.Suggestion]:
        """Every competence below its target with its resources ranked (see core.plan.suggest)."""
        from digigram.core import plan as suggestions_

        framework = self.framework_for(self.attempt(attempt_id))
        result = self.results_for(attempt_id)
        return suggestions_.suggest(result, framework, lang=lang, offline_first=offline_first)

    def suggest_plan(self, attempt_id: str, *, lang: str | None = None, offline_first: bool = False) -> Plan:
        """An unsaved plan from an attempt's gaps, ready to edit and pass to save_plan()."""
        from digigram.core import plan as suggestions_
        from digigram.services.plans import plan_from

        attempt = self.attempt(attempt_id)
        framework = self.framework_for(attempt)
        steps = suggestions_.suggest(self.results_for(attempt_id), framework, lang=lang,
                                     offline_first=offline_first)
        return plan_from(steps, person_id=attempt.person_id, attempt_id=attempt_id)

    def plan_for(self, person_id: str) -> Plan | None:
        from digigram.store.repo import plans as plan_rows

        with self._sessions() as session:
            return plan_rows.plan_for(session, person_id)

    def save_plan(self, person_id: str, plan: Plan) -> Change:
        from digigram.store.repo import plans as plan_rows

        if plan.person_id != person_id:
            plan = Plan(person_id=person_id, steps=plan.steps, attempt_id=plan.attempt_id, id=plan.id)
        for step in plan.steps:
            for text in (step.goal, step.notes, step.coordinator_comment):
                limits.check_text(text, field="note", limit=limits.NOTE_MAX, multiline=True)
            if step.due is not None:
                limits.check_day(step.due)
        with transaction(self._sessions) as session:
            saved = plan_rows.save_plan(session, plan)
        assert saved.id is not None
        return Change("plan", (saved.id,), person_id=person_id)

    def setting(self, key: str, default: Any = None) -> Any:
        if (db := self._light_db) is not None:
            found, value = light.get_setting(db, key)
            return value if found else default
        from digigram.store.repo import settings as setting_rows  # SQLAlchemy: only once it is in use

        with self._sessions() as session:
            found, value = setting_rows.get_setting(session, key)
        return value if found else default

    def set_setting(self, key: str, value: Any) -> Change:
        from digigram.services.coordinator.auth import PROTECTED_PREFIX
        from digigram.store.repo import settings as setting_rows

        if key.startswith(PROTECTED_PREFIX):
            raise StorageError(N_("Only coordinator mode changes this setting."))
        with transaction(self._sessions) as session:
            setting_rows.set_setting(session, key, value)
        return Change("setting", (key,))

    def export_person(self, person_id: str) -> dict[str, Any]:
        from digigram.services.people import export

        person = self.person(person_id)
        with self._sessions() as session:
            return export(session, person)

    # --- coordinator mode (digigram/coordinator.py) ---------------------------------------------

    def coordinator_password_set(self) -> bool:
        from digigram.services.coordinator.auth import password_is_set

        return password_is_set(self._vault)

    def first_password_guarded(self) -> bool:
        """Whether a first coordinator password must come from the command line (`digigram password`):
        none is set yet and someone here protects her results with a PIN. In the window, whoever sat at
        the keyboard would become the coordinator and open those results."""
        from digigram.store.repo import people as people_rows

        if self.coordinator_password_set():
            return False
        with self._sessions() as session:
            return people_rows.anyone_with_pin(session)

    def set_coordinator_password(self, new: str) -> Change:
        """The first coordinator password; refused when one is already set. The window asks
        first_password_guarded() before offering it."""
        from digigram.services.coordinator.auth import set_first_password

        return set_first_password(self._vault, new)

    def unlock_coordinator(self, password: str) -> Coordinator:
        """Coordinator mode after the password; CoordinatorLocked when wrong or tried too soon."""
        from digigram.services.coordinator.auth import verify
        from digigram.services.coordinator.mode import open_coordinator

        verify(self._vault, password)
        return open_coordinator(self, self._store)
