"""The one facade the desktop app and the command line use for stored data: people, quizzes, plans."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from digigram.core import plan as suggestions_
from digigram.core.coordination import sort_key
from digigram.core.engine import Quiz
from digigram.core.errors import FrameworkError, QuizError, StorageError
from digigram.core.framework import Framework
from digigram.core.loader import load_framework_text
from digigram.core.records import Attempt, Change, Person, Plan, latest_finished
from digigram.core.regions import Hub, Region
from digigram.core.scoring import QuizResult
from digigram.services.coordinator.auth import PROTECTED_PREFIX, password_is_set, set_first_password, verify
from digigram.services.people import export, hash_pin, pin_matches
from digigram.services.plans import plan_from
from digigram.services.quiz import QuizSession, rebuild
from digigram.store import backup
from digigram.store.db import transaction
from digigram.store.repo import attempts as attempt_rows
from digigram.store.repo import hubs as hub_rows
from digigram.store.repo import people as people_rows
from digigram.store.repo import plans as plan_rows
from digigram.store.repo import settings as setting_rows
from digigram.store.startup import Store, open_store

if TYPE_CHECKING:
    from digigram.services.coordinator.mode import Coordinator


def _read_framework(path: Path) -> tuple[Framework, str]:
    """The framework and its exact text (kept so old attempts can be shown on it later)."""
    from digigram.core.loader import load_framework

    try:
        data = path.read_bytes()
    except OSError:
        return load_framework(path), ""  # the loader words the "cannot read" message
    framework = load_framework_text(data, name=str(path), base_dir=path.resolve().parent,
                                    source=path.resolve())
    return framework, data.decode("utf-8")


class Workspace:
    """Open with Workspace.open(); each method is one unit of work on its own database session."""

    def __init__(self, store: Store, framework: Framework, framework_text: str) -> None:
        self._store = store
        self._sessions = store.sessions
        self._framework = framework
        self._frameworks: dict[str, Framework] = {framework.content_hash: framework}
        if framework_text:
            with transaction(self._sessions) as session:
                attempt_rows.store_snapshot(
                    session, content_hash=framework.content_hash, framework_id=framework.id,
                    version=framework.version, file_name=framework.source.name if framework.source else "",
                    text=framework_text,
                )

    @classmethod
    def open(
        cls,
        *,
        data_dir: str | Path | None = None,
        database_url: str | None = None,
        framework_path: str | Path | None = None,
    ) -> Workspace:
        """Check, back up and migrate the database, then load the framework (the shipped one by default)."""
        if framework_path is None:
            from competency_framework import shipped_framework_path

            framework_path = shipped_framework_path()
        framework, text = _read_framework(Path(framework_path))
        store = open_store(data_dir=None if data_dir is None else Path(data_dir), database_url=database_url)
        try:
            return cls(store, framework, text)
        except BaseException:
            store.close()
            raise

    @property
    def framework(self) -> Framework:
        return self._framework

    @property
    def store(self) -> Store:
        """The open store, for services below the facade (bundles); the UI never sees it."""
        return self._store

    @property
    def database_path(self) -> Path | None:
        return self._store.db_path

    def close(self) -> None:
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
        return backup.make_backup(self._store.db_path, self._store.backup_dir, reason=reason)

    # --- people ---------------------------------------------------------------------------------

    def people(self) -> list[Person]:
        """Everyone, in Ukrainian alphabetical order (А … Є … І … Я), the order every list shows."""
        with self._sessions() as session:
            found = people_rows.list_people(session)
        return sorted(found, key=lambda p: (sort_key(p.name), p.created_at))

    def person(self, person_id: str) -> Person:
        with self._sessions() as session:
            found = people_rows.get_person(session, person_id)
        if found is None:
            raise StorageError(uk="Такої людини в базі немає.", en="There is no such person in the database.")
        return found

    def find_person(self, name: str) -> Person | None:
        with self._sessions() as session:
            return people_rows.find_person(session, name)

    def create_person(
        self,
        name: str,
        *,
        hub: str = "",
        profile_id: str | None = None,
        pin: str | None = None,
        consent: bool = True,
        group: str = "",
    ) -> Person:
        """Add a person; the profile defaults to the framework's first one."""
        name = name.strip()
        if not name:
            raise QuizError(uk="Вкажіть ім'я.", en="Please give a name.")
        if profile_id is None and self._framework.default_profile is not None:
            profile_id = self._framework.default_profile.id
        if profile_id is not None:
            self._check_profile(profile_id)
        with transaction(self._sessions) as session:
            return people_rows.add_person(
                session, name=name, hub=hub, profile_id=profile_id,
                pin_hash=hash_pin(pin) if pin else None,
                consent_at=datetime.now(UTC) if consent else None, group=group,
            )

    def regions(self) -> list[Region]:
        """Ukraine's regions, by ISO 3166-2:UA code."""
        with self._sessions() as session:
            return hub_rows.regions(session)

    def hubs(self) -> list[Hub]:
        """The hubs to choose from, by name."""
        with self._sessions() as session:
            found = hub_rows.hubs(session)
        return sorted(found, key=lambda h: (sort_key(h.name), h.region_id or "", h.id))

    def add_hub(self, name: str, *, region_id: str | None) -> Hub:
        """A new hub in a region (the coordinator's "add a hub"); refused if the region already has it."""
        name = " ".join(name.split())
        if not name or len(name) > 200:
            raise QuizError(uk="Назва хабу має містити від 1 до 200 символів.",
                            en="A hub's name must have 1 to 200 characters.")
        with transaction(self._sessions) as session:
            if region_id is not None and not hub_rows.region_exists(session, region_id):
                raise QuizError(uk=f"Невідомий регіон «{region_id}».", en=f"Unknown region {region_id!r}.")
            if hub_rows.find_hub(session, name, region_id) is not None:
                raise QuizError(uk=f"Хаб «{name}» у цьому регіоні вже є; оберіть його зі списку.",
                                en=f"The hub {name!r} already exists in this region; choose it from the "
                                "list.")
            return hub_rows.add_hub(session, name=name, region_id=region_id)

    def set_consent(self, person_id: str, consent: bool = True) -> Change:
        with transaction(self._sessions) as session:
            people_rows.set_consent(session, person_id, datetime.now(UTC) if consent else None)
        return Change("person", (person_id,), person_id=person_id)

    def check_pin(self, person_id: str, pin: str) -> bool:
        """True when the PIN matches (or the person has none)."""
        with self._sessions() as session:
            stored = people_rows.pin_hash(session, person_id)
        return True if stored is None else pin_matches(stored, pin)

    def _check_profile(self, profile_id: str) -> None:
        if profile_id not in {p.id for p in self._framework.profiles}:
            known = ", ".join(p.id for p in self._framework.profiles)
            raise QuizError(uk=f"Профілю «{profile_id}» у рамці немає (є: {known}).",
                            en=f"The framework has no profile {profile_id!r} (it has: {known}).")

    # --- quizzes --------------------------------------------------------------------------------

    def unfinished_attempt(self, person_id: str) -> Attempt | None:
        with self._sessions() as session:
            return attempt_rows.unfinished_attempt(session, person_id)

    def attempt(self, attempt_id: str) -> Attempt:
        with self._sessions() as session:
            found = attempt_rows.get_attempt(session, attempt_id)
        if found is None:
            raise StorageError(uk="Такої спроби в базі немає.",
                               en="There is no such attempt in the database.")
        return found

    def start_quiz(
        self, person_id: str, *, mode: str = "full", rating_before: int | None = None,
        profile_id: str | None = None, seed: int | None = None,
    ) -> QuizSession:
        """A new attempt on the current framework; items seen in earlier attempts are asked last."""
        person = self.person(person_id)
        profile = profile_id or person.profile_id or (
            self._framework.default_profile.id if self._framework.default_profile else "")
        if profile:
            self._check_profile(profile)
        if rating_before is not None and not 1 <= rating_before <= 10:
            raise QuizError(uk="Самооцінка має бути від 1 до 10.", en="The self-rating must be from 1 to 10.")
        fw = self._framework
        with transaction(self._sessions) as session:
            seen = attempt_rows.seen_items(session, person_id)
            attempt = attempt_rows.add_attempt(
                session, person_id=person_id, framework_id=fw.id, framework_version=fw.version,
                framework_hash=fw.content_hash, profile_id=profile, mode=mode,
                seed=secrets.randbelow(2**31) if seed is None else seed,
                exclude=sorted(seen), rating_before=rating_before,
            )
        try:
            quiz = rebuild(fw, attempt, [])
        except QuizError:
            with transaction(self._sessions) as session:
                attempt_rows.set_attempt_status(session, attempt.id, "abandoned")
            raise
        return QuizSession(self._sessions, attempt, quiz)

    def resume_quiz(self, attempt_id: str) -> QuizSession:
        """The attempt rebuilt by replaying its stored answers on the framework it was started on."""
        attempt, _, quiz = self._replayed(attempt_id)
        return QuizSession(self._sessions, attempt, quiz)

    def results_for(self, attempt_id: str) -> QuizResult:
        """The attempt's result, rebuilt on the framework version it was taken on."""
        return self._replayed(attempt_id)[2].result()

    def history(self, person_id: str) -> list[Attempt]:
        """Every attempt of the person, oldest first, with the per-area results stored at finish."""
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
        with self._sessions() as session:
            found = attempt_rows.snapshot(session, attempt.framework_hash)
        if found is None:
            raise StorageError(
                uk=f"У базі немає рамки {attempt.framework_id} {attempt.framework_version}, на якій пройдено "
                "цю спробу.",
                en=f"The database lacks the framework {attempt.framework_id} {attempt.framework_version} "
                "this attempt was taken on.",
            )
        file_name, text = found
        base = self._framework.source.parent if self._framework.source else Path(".")
        try:
            framework = load_framework_text(text, name=file_name or "<stored framework>", base_dir=base)
        except FrameworkError as exc:
            raise StorageError(
                uk=f"Збережену рамку {attempt.framework_id} {attempt.framework_version} "
                f"не вдалося прочитати: {exc.message('uk')}",
                en=f"The stored framework {attempt.framework_id} {attempt.framework_version} "
                f"could not be read: {exc.message('en')}",
            ) from exc
        self._frameworks[attempt.framework_hash] = framework
        return framework

    def _replayed(self, attempt_id: str) -> tuple[Attempt, Framework, Quiz]:
        attempt = self.attempt(attempt_id)
        framework = self.framework_for(attempt)
        with self._sessions() as session:
            stored = attempt_rows.answers(session, attempt_id)
        return attempt, framework, rebuild(framework, attempt, stored)

    # --- plans and settings ---------------------------------------------------------------------

    def suggestions(self, attempt_id: str, *, lang: str | None = None,
                    offline_first: bool = False) -> list[suggestions_.PlanStep]:
        """Every competence below its target with its resources ranked (see core.plan.suggest)."""
        _, framework, quiz = self._replayed(attempt_id)
        return suggestions_.suggest(quiz.result(), framework, lang=lang, offline_first=offline_first)

    def suggest_plan(self, attempt_id: str, *, lang: str | None = None, offline_first: bool = False) -> Plan:
        """An unsaved plan from an attempt's gaps, ready to edit and pass to save_plan()."""
        attempt, framework, quiz = self._replayed(attempt_id)
        steps = suggestions_.suggest(quiz.result(), framework, lang=lang, offline_first=offline_first)
        return plan_from(framework, steps, person_id=attempt.person_id, attempt_id=attempt_id, lang=lang)

    def plan_for(self, person_id: str) -> Plan | None:
        with self._sessions() as session:
            return plan_rows.plan_for(session, person_id)

    def save_plan(self, person_id: str, plan: Plan) -> Change:
        if plan.person_id != person_id:
            plan = Plan(person_id=person_id, steps=plan.steps, attempt_id=plan.attempt_id, id=plan.id)
        with transaction(self._sessions) as session:
            saved = plan_rows.save_plan(session, plan)
        assert saved.id is not None
        return Change("plan", (saved.id,), person_id=person_id)

    def setting(self, key: str, default: Any = None) -> Any:
        with self._sessions() as session:
            found, value = setting_rows.get_setting(session, key)
        return value if found else default

    def set_setting(self, key: str, value: Any) -> Change:
        if key.startswith(PROTECTED_PREFIX):
            raise StorageError(uk="Цей параметр змінює лише режим координатора.",
                               en="Only coordinator mode changes this setting.")
        with transaction(self._sessions) as session:
            setting_rows.set_setting(session, key, value)
        return Change("setting", (key,))

    def export_person(self, person_id: str) -> dict[str, Any]:
        person = self.person(person_id)
        with self._sessions() as session:
            return export(session, person)

    # --- coordinator mode (digigram/coordinator.py) ---------------------------------------------

    def coordinator_password_set(self) -> bool:
        return password_is_set(self._sessions)

    def set_coordinator_password(self, new: str) -> Change:
        """The first coordinator password; refused when one is already set."""
        return set_first_password(self._sessions, new)

    def unlock_coordinator(self, password: str) -> Coordinator:
        """Coordinator mode after the password; CoordinatorLocked when wrong or tried too soon."""
        from digigram.services.coordinator.mode import open_coordinator

        verify(self._sessions, password)
        return open_coordinator(self, self._store)
