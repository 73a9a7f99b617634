"""A coordinator's page that closes while its figures are read or drawn in the background: the worker
finishes on a relay that is still there, the closed page is never called, a page still open gets its
result, and the relay is deleted afterwards on the window's thread (not left over, not by the worker)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget

from digigram.core.errors import DigigramError
from digigram.ui.coordinator.background import Newest, Relay, read_in_background


class Page(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.got: list[object] = []
        self.relay = Relay(self)
        self.relay.done.connect(self.arrived)

    def arrived(self, asked: int, result: object) -> None:
        self.got.append((asked, result))


def _failed() -> DigigramError:
    return DigigramError("not read")


def _start(how: str, page: Page, job: Any) -> None:
    if how == "read":
        read_in_background(page.relay, 7, job, name="figures-test", failed=_failed)
    else:
        Newest(page.relay, name="picture-test", failed=_failed).ask(7, job)


@pytest.mark.parametrize("how", ["read", "newest"])
def test_a_page_closed_while_its_figures_are_read_is_left_alone(qtbot: Any, how: str) -> None:
    closing, staying = Page(), Page()
    got = closing.got
    release = threading.Event()
    threads_before = set(threading.enumerate())
    for page in (closing, staying):
        _start(how, page, lambda: release.wait(5) and "figures")
    relay = closing.relay
    deleted_in: list[threading.Thread] = []
    relay.destroyed.connect(lambda: deleted_in.append(threading.current_thread()))
    shiboken6.delete(closing)  # the page closes (its C++ object goes) while the reading runs
    del closing
    assert shiboken6.isValid(relay), "the relay the worker emits on went with the page"
    release.set()
    for thread in set(threading.enumerate()) - threads_before:
        thread.join(5)
    qtbot.waitUntil(lambda: staying.got != [] and deleted_in != [])
    qtbot.wait(50)  # a queued call to the closed page would have come with the other page's
    assert got == []
    assert staying.got == [(7, "figures")]
    assert deleted_in == [threading.main_thread()] and not shiboken6.isValid(relay)
    assert shiboken6.isValid(staying.relay)  # an open page's relay stays


def test_a_relay_goes_with_its_page_when_nothing_is_read(qtbot: Any) -> None:
    page = Page()
    relay = page.relay
    shiboken6.delete(page)
    qtbot.waitUntil(lambda: not shiboken6.isValid(relay))


@pytest.mark.parametrize("then_asked_again", [False, True])
def test_a_picture_for_a_closed_page_stops_at_its_next_look(qtbot: Any, then_asked_again: bool) -> None:
    """A group picture is drawn in steps, each asking whether it is still wanted: once its window has
    closed it is not, so the worker stops there instead of drawing on, and one waiting never starts."""
    page = Page()
    started, release = threading.Event(), threading.Event()
    worker = Newest(page.relay, name="picture-test", failed=_failed)
    looks: list[bool] = []
    ran: list[int] = []

    def job() -> str:
        started.set()
        release.wait(5)
        looks.append(worker.is_newest(8 if then_asked_again else 7))  # the step before drawing on
        return "picture"

    threads_before = set(threading.enumerate())
    worker.ask(7, job)
    assert started.wait(5)
    if then_asked_again:  # asked again while the first is drawn: this one waits for the thread
        worker.ask(8, lambda: ran.append(8) or "later")
    assert worker.is_newest(8 if then_asked_again else 7)
    shiboken6.delete(page)
    release.set()
    for thread in set(threading.enumerate()) - threads_before:
        thread.join(5)
    assert looks == [False] and ran == []
