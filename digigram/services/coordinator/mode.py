"""Coordinator mode: the only holder of coordinator powers, handed out by Workspace.unlock_coordinator()."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digigram.core.coordination import (
    BeforeAfter,
    BundleSummary,
    CoordinatorError,
    Dashboard,
    DashboardFilter,
    FilterOptions,
    ImportReport,
    ItemStat,
    TraineeDetail,
    TraineeOrder,
)
from digigram.core.errors import NoSuchPerson, StorageError
from digigram.core.i18n import N_
from digigram.core.records import Change, Person, latest_finished
from digigram.core.regions import BY_ID, Hub
from digigram.services.coordinator import dashboard as coordinator_dashboard
from digigram.services.coordinator import exports as coordinator_exports
from digigram.services.coordinator.auth import forget_pin_failures, replace_password
from digigram.services.coordinator.exports import Progress
from digigram.store.db import transaction
from digigram.store.repo import dashboard as dashboard_rows
from digigram.store.repo import hubs as hub_rows
from digigram.store.repo import people as people_rows
from digigram.store.vault import vault_for

if TYPE_CHECKING:
    from digigram.services.api import WorkspaceAPI
    from digigram.store.startup import Store

# Handed to the constructor only by open_coordinator(), which the Workspace calls after the password check.
_UNLOCKED = object()

BACKUPS_NOTE = N_("Older backups of the database still hold this data until newer ones replace them (the "
                  "last 10 are kept).")


def open_coordinator(workspace: WorkspaceAPI, store: Store) -> Coordinator:
    return Coordinator(workspace, store, _unlocked=_UNLOCKED)


class Coordinator:
    """What the coordinator screens and commands use; each method is one unit of work."""

    def __init__(self, workspace: WorkspaceAPI, store: Store, *, _unlocked: object = None) -> None:
        if _unlocked is not _UNLOCKED:
            raise CoordinatorError(
                N_("Coordinator mode opens only with the coordinator password."),
            )
        self._ws = workspace
        self._store = store
        self._sessions = store.sessions

    @property
    def workspace(self) -> WorkspaceAPI:
        return self._ws

    def change_password(self, old: str, new: str) -> Change:
        return replace_password(vault_for(self._sessions, self._store.db_path), old, new)

    # --- the group picture ----------------------------------------------------------------------

    def hub(self, hub_id: str) -> Hub | None:
        with self._sessions() as session:
            return hub_rows.hub(session, hub_id)

    def set_hub_region(self, hub_id: str, region_id: str) -> Hub:
        """Give a hub a region, or correct it: people and bundles follow the hub by its id, so nothing
        else changes. Refused, with nothing changed, when that region already has a hub of this name."""
        region = BY_ID.get(region_id)
        with transaction(self._sessions) as session:
            hub = hub_rows.hub(session, hub_id)
            if hub is None:
                raise CoordinatorError(
                    N_("That hub is not in this computer's list any more; choose another."))
            if region is None or not hub_rows.region_exists(session, region_id):
                raise CoordinatorError(N_("Unknown region {region_id!r}.", region_id=region_id))
            if hub.region_id == region_id:
                return hub
            taken = hub_rows.find_hub(session, hub.name, region_id)
            if taken is not None or not hub_rows.set_region(session, hub_id, region_id):
                raise CoordinatorError(N_(
                    "{region} already has a hub named {name!r}; two hubs of one name cannot share a region. "
                    "Nothing was changed.",
                    region=region, name=hub.name))
            return Hub(hub.id, hub.name, region_id)

    def filter_options(self) -> FilterOptions:
        with self._sessions() as session:
            hubs, groups, profiles = dashboard_rows.filter_options(session)
        return FilterOptions(hubs=hubs, groups=groups, profiles=profiles)

    def dashboard(self, filters: DashboardFilter | None = None, *, order: TraineeOrder | None = None,
                  offset: int = 0, limit: int | None = None, figures: bool = True,
                  counted: tuple[int, int] | None = None) -> Dashboard:
        """Trainees, heatmap data, hard questions and before/after for the filter (all when None).

        With a `limit`, one page of trainees from `offset` in `order`, counted whole; `figures=False`
        leaves out the hard questions and before/after (see dashboard_figures) for a quick first screen;
        `counted`: the counts the filter's first page gave, for a further page (not counted again).
        """
        if offset < 0 or (limit is not None and limit < 0):
            raise ValueError("offset and limit cannot be negative")
        return coordinator_dashboard.build(self._sessions, self._ws.framework, filters or DashboardFilter(),
                                           order=order, offset=offset, limit=limit, figures=figures,
                                           counted=counted)

    def prepare_summaries(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Summarise the finished checks the dashboard's first page would otherwise summarise itself: an
        older release's, or all of them once a new framework version is in use (5.6 s for a region's
        46,956 checks here). `progress` hears (checks summarised, in all). An account that may only
        read could store none: nothing is done, and its dashboard summarises in memory as before."""
        with self._sessions() as session:
            if not dashboard_rows.may_store_summaries(session):
                return
        coordinator_dashboard.refresh_summaries(self._sessions, self._ws.framework, progress=progress)

    def dashboard_figures(
            self, filters: DashboardFilter | None = None) -> tuple[tuple[ItemStat, ...], BeforeAfter]:
        """The hard questions and the before/after figures of everyone the filter selects."""
        return coordinator_dashboard.figures(self._sessions, self._ws.framework, filters or DashboardFilter())

    # --- one trainee ----------------------------------------------------------------------------

    def open_person(self, person_id: str) -> Person:
        """The person, whatever their PIN: the coordinator's override."""
        return self._ws.person(person_id)

    def trainee(self, person_id: str) -> TraineeDetail:
        person = self._ws.person(person_id)
        attempts = tuple(self._ws.history(person_id))
        latest = latest_finished(attempts)
        result = self._ws.results_for(latest.id) if latest is not None else None
        return TraineeDetail(person=person, attempts=attempts, latest_result=result,
                             plan=self._ws.plan_for(person_id))

    def comment_on_step(self, person_id: str, step_id: str, comment: str) -> Change:
        """Leave (or, with an empty text, clear) the coordinator's comment on one step of the plan."""
        plan = self._ws.plan_for(person_id)
        if plan is None or all(s.id != step_id for s in plan.steps):
            raise StorageError(N_("The plan has no such step."))
        steps = tuple(replace(s, coordinator_comment=comment.strip()) if s.id == step_id else s
                      for s in plan.steps)
        return self._ws.save_plan(person_id, replace(plan, steps=steps))

    # --- exports and personal data --------------------------------------------------------------

    def export_group_csv(self, path: str | os.PathLike[str], filters: DashboardFilter | None = None, *,
                         lang: str, separator: str | None = None, rows: Dashboard | None = None,
                         progress: Progress | None = None,
                         cancelled: Callable[[], bool] | None = None) -> Path:
        heard = coordinator_exports.pacer(progress, cancelled)
        heard("reading", 0, 0)
        dashboard = rows if rows is not None else self.dashboard(filters)
        heard("writing", 0, 0)
        return coordinator_exports.group_csv(Path(path), dashboard, self._ws.framework, lang=lang,
                                             separator=separator)

    def export_group_pdf(self, path: str | os.PathLike[str], filters: DashboardFilter | None = None, *,
                         lang: str, rows: Dashboard | None = None, progress: Progress | None = None,
                         cancelled: Callable[[], bool] | None = None) -> Path:
        filters = filters or DashboardFilter()
        heard = coordinator_exports.pacer(progress, cancelled)
        heard("reading", 0, 0)
        hub = None if filters.hub_id is None else self.hub(filters.hub_id)
        dashboard = rows if rows is not None else self.dashboard(filters)
        heard("drawing", 0, 0)
        return coordinator_exports.group_pdf(Path(path), dashboard, self._ws.framework, filters=filters,
                                             lang=lang, hub=hub, progress=heard)

    def export_person_pdf(self, path: str | os.PathLike[str], person_id: str, *, lang: str) -> Path:
        detail = self.trainee(person_id)
        return coordinator_exports.person_pdf(Path(path), detail, self._ws.framework, lang=lang)

    def export_person_data(self, person_id: str) -> dict[str, Any]:
        return self._ws.export_person(person_id)

    def delete_person(self, person_id: str) -> Change:
        """Delete the person with all their answers, results and plans, overwriting the freed bytes.

        Older backups keep the data until they rotate out: say so (BACKUPS_NOTE) where this is offered.
        """
        deleted = people_rows.delete_person(self._store.engine, self._sessions, person_id,
                                               db_path=self._store.db_path)
        if not deleted:
            raise NoSuchPerson(N_("There is no such person in the database."))
        forget_pin_failures(vault_for(self._sessions, self._store.db_path), person_id)
        return Change("person", (person_id,), person_id=person_id)

    # --- offline result bundles: digigram/bundles.py does the work -----------------------------

    def export_bundle(self, path: str | os.PathLike[str], *, key: bytes | None, since: date | None = None,
                      hub_id: str | None = None, progress: Callable[[str, int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> BundleSummary:
        """A bundle of finished checks and plans (since a day, of one hub by its id)."""
        from digigram.services.bundles import importer as bundles

        return bundles.export_bundle(self._store, Path(path), key=key, since=since, hub_id=hub_id,
                                     progress=progress, cancelled=cancelled)

    def sync_to(self, database_url: str, *, lang: str | None = None,
                progress: Callable[[str, int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> ImportReport:
        """Push to a regional database what it lacks (digigram.services.sync); the address is checked
        first (PostgreSQL, no password in it)."""
        from digigram.services import sync

        return sync.push(self._store, sync.check_url(database_url), framework=self._ws.framework, lang=lang,
                         progress=progress, cancelled=cancelled)

    def import_bundle(self, path: str | os.PathLike[str], *, key: bytes | None,
                      allow_unsigned: bool = False, lang: str | None = None,
                      progress: Callable[[str, int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> ImportReport:
        from digigram.services.bundles import importer as bundles

        return bundles.import_bundle(self._store, Path(path), key=key, allow_unsigned=allow_unsigned,
                                     lang=lang, framework=self._ws.framework, progress=progress,
                                     cancelled=cancelled)
