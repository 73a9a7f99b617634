"""A coordinator's page that closes while its figures are read in the background: the worker finishes on
a relay of its own, the closed page is never called, and a page still open gets its result."""

from __future__ import annotations

import threading
from typing import Any

import shiboken6
from PySide6.QtWidgets import QWidget

from digigram.core.errors import DigigramError
from digigram.ui.coordinator.background import Relay, read_in_background


class Page(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.got: list[object] = []
        self.relay = Relay()
        self.relay.done.connect(self.arrived)

    def arrived(self, asked: int, result: object) -> None:
        self.got.append((asked, result))


def _failed() -> DigigramError:
    return DigigramError("not read")


def test_a_page_closed_while_its_figures_are_read_is_left_alone(qtbot: Any) -> None:
    closing, staying = Page(), Page()
    got = closing.got
    release = threading.Event()
    threads_before = set(threading.enumerate())
    for page in (closing, staying):
        read_in_background(page.relay, 7, lambda: release.wait(5) and "figures", name="figures-test",
                           failed=_failed)
    relay = closing.relay
    shiboken6.delete(closing)  # the page closes (its C++ object goes) while the reading runs
    del closing
    assert shiboken6.isValid(relay), "the relay the worker emits on went with the page"
    del relay
    release.set()
    for thread in set(threading.enumerate()) - threads_before:
        thread.join(5)
    qtbot.waitUntil(lambda: staying.got != [])
    qtbot.wait(50)  # a queued call to the closed page would have come with the other page's
    assert got == []
    assert staying.got == [(7, "figures")]
