"""Coordinator mode's Hubs… dialog: hubs without a region first, a region given by keyboard, a pair refused;
its charts in high contrast; the status notice whole at 200 % text."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from digigram.ui.coordinator.dashboard import DashboardView
from digigram.ui.coordinator.hubs import HubsDialog
from digigram.ui.hub_picker import AddHubDialog
from digigram.ui.settings_dialog import Settings
from tests.ui.coordinator_seed import seed_trainees
from tests.ui.helpers import chosen_on_a_trainees_page, picture_drawn
from tests.ui.test_coordinator import SECRET, typed  # noqa: F401 - the password dialog's answer

NAME = "Центральна бібліотека"


def _dashboard(window: Any, ws: Any) -> DashboardView:
    ws.set_coordinator_password(SECRET)
    window.coordinator_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, DashboardView)
    return view


def _lines(dialog: HubsDialog) -> list[str]:
    return [dialog.list.item(r).text() for r in range(dialog.list.count())]


def test_hubs_without_a_region_come_first_and_the_keyboard_gives_one(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch, messages: list[str]) -> None:
    olha, _ = seed_trainees(ws, [("Ольга", "Хаб в Ірпені", "", None), ("Тарас", NAME, "", None)])
    ws.add_hub(NAME, region_id="UA-46")
    view = _dashboard(window, ws)
    seen: list[HubsDialog] = []

    def drive(cls: Any, parent: Any, *, ws: Any, co: Any, lang: str) -> bool:
        dialog = cls(parent, ws=ws, co=co, lang=lang)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        seen.append(dialog)
        assert _lines(dialog) == ["Хаб в Ірпені — region not given yet", f"{NAME} — region not given yet",
                                  f"{NAME} — Lviv Oblast"]
        assert dialog.region.count() == 27 and dialog.region.currentIndex() == -1
        assert QApplication.focusWidget() is dialog.list and dialog.list.currentRow() == 0
        assert not dialog.save.isEnabled()  # no region chosen yet
        # Alt+R goes to the region list; the arrows choose; Enter saves (the dialog stays open).
        qtbot.keyClick(dialog.list, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is dialog.region
        while dialog.region.currentData() != "UA-32":
            qtbot.keyClick(dialog.region, Qt.Key.Key_Down)
        assert dialog.region.currentText() == "Kyiv Oblast" and dialog.save.isEnabled()
        qtbot.keyClick(dialog.region, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert _lines(dialog) == [f"{NAME} — region not given yet", "Хаб в Ірпені — Kyiv Oblast",
                                  f"{NAME} — Lviv Oblast"]  # then by name, in Ukrainian order
        assert dialog.list.currentItem().text() == "Хаб в Ірпені — Kyiv Oblast"
        assert "Saved: Хаб в Ірпені (Kyiv Oblast)" in dialog.status.text()

        # The other region-less one into Lviv Oblast, which has that name already: refused, unchanged.
        dialog.list.setFocus()
        qtbot.keyClick(dialog.list, Qt.Key.Key_Home)
        dialog.region.setCurrentIndex(dialog.region.findData("UA-46"))
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
        assert messages and messages[-1].startswith(f"Lviv Oblast already has a hub named '{NAME}'")
        assert dialog.status.text() == messages[-1] and dialog.status.isVisible()
        assert dialog.region.currentIndex() == -1  # back to what the hub has: no region
        assert _lines(dialog)[0] == f"{NAME} — region not given yet"
        return dialog.changed

    monkeypatch.setattr(HubsDialog, "open_for", classmethod(drive))
    view.hubs_action.trigger()
    assert seen
    assert sorted((h.name, h.region_id or "") for h in ws.hubs()) == [
        ("Хаб в Ірпені", "UA-32"), (NAME, ""), (NAME, "UA-46")]
    assert ws.person(olha.id).hub_id == next(h.id for h in ws.hubs() if h.region_id == "UA-32")
    # The dashboard's hub filter was filled again: it names the hub with its new region.
    assert "Хаб в Ірпені (Kyiv Oblast)" in [view.hub.itemText(i) for i in range(view.hub.count())]


def test_the_hubs_dialog_adds_a_hub_and_a_double_is_refused(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch, messages: list[str]) -> None:
    view = _dashboard(window, ws)
    answers = iter([(NAME, "UA-46"), (NAME, "UA-46")])
    regions_offered: list[list[str]] = []

    def ask(cls: Any, parent: Any, *, regions: Any, lang: str) -> tuple[str, str]:
        dialog = cls(parent, regions=regions, lang=lang)
        qtbot.addWidget(dialog)
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        regions_offered.append([dialog.region.itemText(k) for k in range(dialog.region.count())])
        return next(answers)

    def drive(cls: Any, parent: Any, *, ws: Any, co: Any, lang: str) -> bool:
        dialog = cls(parent, ws=ws, co=co, lang=lang)
        qtbot.addWidget(dialog)
        assert "no hubs on this computer" in dialog.status.text()
        qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
        assert _lines(dialog) == [f"{NAME} — Lviv Oblast"] and "Hub added" in dialog.status.text()
        qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
        assert _lines(dialog) == [f"{NAME} — Lviv Oblast"]
        return dialog.changed

    monkeypatch.setattr(AddHubDialog, "ask", classmethod(ask))
    monkeypatch.setattr(HubsDialog, "open_for", classmethod(drive))
    view.hubs_action.trigger()
    assert [(h.name, h.region_id) for h in ws.hubs()] == [(NAME, "UA-46")]
    assert len(regions_offered[0]) == 27 and "Lviv Oblast" in regions_offered[0]
    assert any("already exists" in m for m in messages)


def _light(colour: Any) -> bool:
    from matplotlib.colors import to_rgb

    return sum(to_rgb(colour)) / 3 > 0.6


def test_in_high_contrast_the_coordinator_charts_are_light_on_black(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    from matplotlib.colors import to_hex

    ws.add_hub("Хаб у Бучі", region_id="UA-32")
    seed_trainees(ws, [("Оксана", "Хаб у Бучі", "", None), ("Марія", "Хаб у Бучі", "", None)], checks=2)
    window.apply_settings(Settings(language="en", text_scale=100, high_contrast=True), store=False)
    window.show()
    qtbot.waitExposed(window)
    view = _dashboard(window, ws)
    view.tabs.setCurrentWidget(view.heatmap)
    picture_drawn(view)
    view.tabs.setCurrentWidget(view.programme)
    qtbot.waitUntil(lambda: view.programme.picture is not None, timeout=20000)
    figures = {"heatmap": view.heatmap.chart.figure, "levels": view.programme.levels_chart.figure,
               "gaps": view.programme.gaps_chart.figure}
    for name, figure in figures.items():
        assert figure is not None, name
        assert to_hex(figure.get_facecolor()) == "#000000", name
        words = [t for t in figure.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_color"))
                 if t.get_text().strip() and not _inside_a_cell(t)]
        assert words and all(_light(t.get_color()) for t in words), (name, [
            (t.get_text(), t.get_color()) for t in words if not _light(t.get_color())])

    # Back to the ordinary look: the charts are drawn again, dark on white.
    window.apply_settings(Settings(language="en", text_scale=100, high_contrast=False), store=False)
    window.notify(_setting_change())
    qtbot.waitUntil(lambda: view.programme.levels_chart.figure is not None
                    and to_hex(view.programme.levels_chart.figure.get_facecolor()) == "#ffffff", timeout=5000)
    view.tabs.setCurrentWidget(view.heatmap)
    assert to_hex(picture_drawn(view).chart.figure.get_facecolor()) == "#ffffff"


def _inside_a_cell(text: Any) -> bool:
    """Numbers written on a coloured cell or bar take the colour that contrasts with it, not the page's."""
    return text.get_text().strip().lstrip("-").isdigit() or text.get_text() in {"—", "3+"}


def _setting_change() -> Any:
    from digigram.core.records import Change

    return Change("setting", ("ui.high_contrast",))


def test_at_200_percent_the_coordinator_notice_is_whole_and_the_person_on_screen_named_whole(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any]) -> None:  # noqa: F811
    (olha,) = seed_trainees(ws, [("Олександра Костянтинівна Левицька-Григоренко", "", "", None)])
    window.apply_settings(Settings(language="uk", text_scale=200, high_contrast=False), store=False)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    window.select_person(olha.id)
    _dashboard(window, ws)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.note.isVisible())
    note, person = bar.note, window.person_status
    assert bar.currentMessage().startswith("Режим координатора відкрито")
    QApplication.processEvents()
    # Every line of the notice has room: its height covers the text at its width, and it ends before
    # the person's name begins.
    assert note.height() >= note.heightForWidth(note.width()) > note.fontMetrics().lineSpacing()
    assert not person.isVisible() or note.geometry().right() < person.geometry().left()
    # The dashboard is about many trainees: the person chosen on Home is not named over it.
    assert "Левицька-Григоренко" not in person.text()
    window.show_trainee(olha.id)  # the trainee on screen is named, whole
    QApplication.processEvents()
    assert person.text().endswith("Левицька-Григоренко")
    assert person.width() >= person.sizeHint().width()


def test_a_look_chosen_on_a_trainees_page_reaches_the_group_picture(
        qtbot: Any, window: Any, ws: Any, typed: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """High contrast, or a larger text, chosen in Settings while a trainee's page is shown: the dashboard
    draws nothing while hidden, and coming back reads it again, the group picture in the new look. Came
    back without reading, the picture would stay dark on white beside a black window, its lettering at the
    old size."""
    from matplotlib.colors import to_hex

    ws.add_hub("Хаб у Бучі", region_id="UA-32")
    seed_trainees(ws, [("Оксана", "Хаб у Бучі", "", None), ("Марія", "Хаб у Бучі", "", None)], checks=2)
    view = _dashboard(window, ws)
    view.tabs.setCurrentWidget(view.heatmap)
    assert to_hex(picture_drawn(view).chart.figure.get_facecolor()) == "#ffffff"
    for chosen in ({"high_contrast": True}, {"text_scale": 150}):
        chosen_on_a_trainees_page(qtbot, monkeypatch, window, view, **chosen)
        view.tabs.setCurrentWidget(view.heatmap)
        figure = picture_drawn(view).chart.figure
        assert to_hex(figure.get_facecolor()) == "#000000", chosen
        assert figure.dpi == pytest.approx(1.3 * window.settings.text_scale), chosen
