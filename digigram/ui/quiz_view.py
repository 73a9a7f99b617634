"""The check: one question at a time, by mouse or keyboard alone; each answer is saved before the next."""

from __future__ import annotations

import math
import time
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from digigram.core.answer_order import display_order
from digigram.ui import app_filter
from digigram.ui.widgets import ButtonText, TextLabel, scroll_page

if TYPE_CHECKING:
    from digigram.services.api import QuizSessionAPI
    from digigram.ui.shell import Shell

translate = QCoreApplication.translate
DONT_KNOW = -1


class Spacing(NamedTuple):
    """Room around the question's parts, in px."""

    edge: int  # above and below the screen, and between its parts (-1: the style's)
    answers: tuple[int, int, int, int]  # around the answers
    between: int  # between two answers (-1: the style's)
    row: int  # above and below each answer's own row


ROOMY = Spacing(edge=-1, answers=(12, 6, 12, 6), between=-1, row=2)
COMPACT = Spacing(edge=2, answers=(12, 0, 12, 0), between=2, row=1)
ROOMY_LINES = 30  # a screen shorter than this many lines of its text has the question laid out compactly


def remaining_estimate(progress: Any) -> tuple[int, int | None, int | None]:
    """(answered, low, high) from the engine's progress; low/high are the estimated questions left."""
    answered = int(getattr(progress, "asked", getattr(progress, "answered", 0)) or 0)
    low = getattr(progress, "remaining_low", None)
    high = getattr(progress, "remaining_high", None)
    mid = getattr(progress, "remaining", None)
    if low is None and mid is not None:
        low = high = round(mid)
    return answered, None if low is None else int(low), None if high is None else int(high)


class Quiz(QObject):
    """The "Quiz" context's plurals: PySide6 6.11's lupdate finds a plural only in a class's self.tr."""

    def answered(self, n: int) -> str:
        return self.tr("%n answered", "", n)

    def left(self, n: int) -> str:
        return self.tr("questions left: about %n", "", n)


class QuizView(QWidget):
    answered = Signal(object)  # the Change the Workspace returned
    fills_window = True  # the question scrolls inside itself: the screen takes the window's height

    def __init__(self, win: Shell) -> None:
        super().__init__()  # the window's stack becomes the parent
        self.win = win
        self.session: QuizSessionAPI | None = None
        self.item: Any = None
        self.buttons: list[QAbstractButton] = []
        # One row per answer (its button and its wrapping text), kept from question to question.
        self._rows: dict[type[QAbstractButton], list[_AnswerRow]] = {QRadioButton: [], QCheckBox: []}
        self.dont_know: QAbstractButton | None = None
        self.order: list[int] = []  # file-order index of the option at each displayed position
        self._shown_at = 0.0
        # The estimate of questions left on the last question shown, as (answered, left), and whether it
        # went up with the answer after it: then the screen says why (_rise_note).
        self._last_left: tuple[int, int] | None = None
        self._rose = False
        # The question and its answers scroll on their own above the buttons, which stay at the window's
        # foot: at 200 % text on a 1024×600 netbook a long question pushed "Save and next" below the
        # window, to be found only by scrolling.
        outer = QVBoxLayout(self)
        self.page, column = scroll_page(self)
        self._outer, self._column = outer, column
        self.page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the texts wrap
        body = self.page.widget()
        self.heading = _Heading(body)
        self.where, self.progress = self.heading.where, self.heading.progress
        column.addWidget(self.heading)
        # Why the questions left went up, on its own line under the count: appended to the count, it
        # made the heading stack its two parts and the question move down and back up.
        self.rise = TextLabel(body)
        self.rise.hide()
        column.addWidget(self.rise)
        self.stem = TextLabel(body, scale=1.3)
        column.addWidget(self.stem)
        self.hint = TextLabel(body)
        column.addWidget(self.hint)
        self.options_box = QWidget(body)
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(*ROOMY.answers)
        column.addWidget(self.options_box)
        column.addStretch(1)
        self.keys = TextLabel(body)
        column.addWidget(self.keys)
        outer.addWidget(self.page, 1)
        bar = QHBoxLayout()
        self.pause_button = QPushButton(self)
        self.next_button = QPushButton(self)
        bar.addWidget(self.pause_button)
        bar.addStretch(1)
        bar.addWidget(self.next_button)
        outer.addLayout(bar)
        self.compact = False  # spacing for a screen short for its text (_fit_room)
        self.group = QButtonGroup(self)
        self.next_button.clicked.connect(self.submit)
        self.pause_button.clicked.connect(self.pause)
        for seq in (QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+P")):
            shortcut = QShortcut(seq, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.pause)
        # An answer reached from the keyboard (its number, an arrow key) is scrolled into view: the scroll
        # area does so itself only for Tab. One signal for the app, not a filter on every answer's events.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_in_view)
        self.retranslate_ui()

    # -- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.pause_button.setText(translate("Quiz", "&Pause and leave"))
        self.pause_button.setAccessibleName(translate("Quiz", "Pause the check and leave; answers are kept"))
        self.next_button.setText(translate("Quiz", "Save and &next"))
        self.next_button.setAccessibleName(translate("Quiz", "Save the answer and show the next question"))
        self.keys.setText(self._keys_text())
        self.options_box.setAccessibleName(translate("Quiz", "Answers"))
        # Focusable, so a question longer than the window scrolls with Page Up/Down from the keyboard too.
        self.page.setAccessibleName(translate("Quiz", "The question and its answers"))
        if self.session is not None and self.item is not None:
            self._render(keep_choice=True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_room()

    # -- room ----------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_room()

    def _fit_room(self) -> None:
        """Spacing as the style has it where the screen has room; tight where it is short for its text.

        On a 1024×600 netbook at 200 % text the margins and the gaps between the answers took the room
        of two answers, and only two or three of a question's five were in view without scrolling. The
        choice follows the screen's height in lines of its text alone, never the question shown, so the
        answers do not jump from question to question.
        """
        height, line = self.height(), self.fontMetrics().lineSpacing()
        compact = 0 < height < ROOMY_LINES * line
        if compact == self.compact:
            return
        self.compact = compact
        spacing = COMPACT if compact else ROOMY
        # -1: the style's own (the sides keep it either way, in line with the other screens).
        self._outer.setContentsMargins(-1, spacing.edge, -1, spacing.edge)
        self._outer.setSpacing(spacing.edge)
        self._column.setSpacing(spacing.edge)
        self.heading.line.setSpacing(spacing.edge)
        self.options_layout.setContentsMargins(*spacing.answers)
        self.options_layout.setSpacing(spacing.between)
        for rows in self._rows.values():
            for row in rows:
                row.fit(spacing)

    # -- flow ----------------------------------------------------------------------------------
    def begin(self, session: QuizSessionAPI) -> None:
        self.session = session
        self._last_left, self._rose = None, False
        if session.current_item is None:
            # A check continued with every question answered (its results could not be stored) goes
            # straight to its closing self-rating, asked over this screen. The screen may still hold the
            # question and unsaved choice of a check paused on it before, perhaps another person's.
            self._clear_question()
        self.show_current()

    def _drop_answers(self) -> None:
        """The answers of the question shown unchecked and taken out of the group, while it allows that."""
        self.group.setExclusive(False)
        for button in self.buttons:
            button.blockSignals(True)
            button.setChecked(False)
            button.blockSignals(False)
            self.group.removeButton(button)
        self.buttons, self.dont_know = [], None

    def _clear_question(self) -> None:
        """No question on the screen: no texts, no answers."""
        self._drop_answers()
        self.item = None
        for rows in self._rows.values():
            for row in rows:
                row.hide()
        for label in (self.where, self.stem, self.hint, self.keys):
            label.setText("")
        self.options_box.setAccessibleDescription("")

    def show_current(self) -> None:
        if self.session is None:
            return
        self.item = self.session.current_item
        if self.item is None:
            # The closing self-rating is asked over this screen: it says the questions are done, not
            # "questions left: about 1" from the last question, and there is no next one to go to.
            self._rose = False
            self._show_progress(self.session.progress().asked, 0, 0)
            self.next_button.setEnabled(False)
            self.win.check_done(self.session)
            return
        self._render(keep_choice=False)
        self._shown_at = time.perf_counter()

    def _render(self, *, keep_choice: bool) -> None:
        item, session, lang, fw = self.item, self.session, self.win.lang, self.win.ws.framework
        if item is None or session is None:
            return
        chosen = self.choice() if keep_choice else None
        area, competence = fw.area(item.area_id), fw.competence(item.competence_id)
        self.where.setText(f"{area.name.get(lang)} · {competence.name.get(lang)}")
        answered, low, high = remaining_estimate(session.progress())
        if not keep_choice:
            last = self._last_left
            self._rose = (last is not None and low is not None
                          and answered == last[0] + 1 and low > last[1])
            self._last_left = None if low is None else (answered, low)
        self._show_progress(answered, low, high)
        self.stem.setText(item.stem.get(lang))
        many = item.select == "many" and not item.on_scale
        if item.on_scale:
            self.hint.setText(translate("Quiz", "How well does this describe you?"))
        elif many:
            self.hint.setText(translate("Quiz", "Choose every answer that is right."))
        else:
            self.hint.setText(translate("Quiz", "Choose one answer."))
        # The rows of the last question are kept and given the new texts: building, polishing and
        # laying out new widgets for every question was most of the time between a click and the next
        # question on screen. The old answers are unchecked first, while the group allows it.
        self._drop_answers()
        self.group.setExclusive(not many)
        if item.on_scale:
            texts = [p.label.get(lang) for p in fw.scales[item.scale].points]
            self.order = list(range(len(texts)))
        else:
            self.order = display_order(session.attempt_id, item)
            texts = [item.options[i].text.get(lang) for i in self.order]
        kind = QCheckBox if many else QRadioButton
        wanted = [(str(n) if n < 10 else "", text) for n, text in enumerate(texts, start=1)]
        if item.offers_dont_know:
            wanted.append(("0", translate("Quiz", "I don't know")))
        rows = self._rows[kind]
        while len(rows) < len(wanted):
            rows.append(self._new_row(kind))
        leaving = [row for other in self._rows.values()
                   for row in other[len(wanted) if other is rows else 0:] if not row.isHidden()]
        # Showing a widget inside a shown window lays the whole window out there and then, once per
        # widget. When rows come or go, the answers are changed out of sight and shown once at the end.
        out_of_sight = self.options_box.isVisible() and (
            bool(leaving) or any(row.isHidden() for row in rows[:len(wanted)]))
        if out_of_sight:
            focused = QApplication.focusWidget()
            if focused is not None and self.options_box.isAncestorOf(focused):
                # Hiding the answer that has the focus would pass it to "Save and next" on the way, and a
                # screen reader would read that out; the focus goes to the new first answer below.
                focused.clearFocus()
            self.options_box.hide()
        for row in leaving:
            row.hide()
        for n, (row, (key, text)) in enumerate(zip(rows, wanted, strict=False)):
            row.show_answer(key, text)
            self.group.addButton(row.button, n)
            self.buttons.append(row.button)
        if item.offers_dont_know:
            self.dont_know = self.buttons[-1]
            self.group.setId(self.dont_know, DONT_KNOW)
        self.keys.setText(self._keys_text())
        self.options_box.setAccessibleDescription(item.stem.get(lang))
        if out_of_sight:
            self.options_box.show()
        if chosen is not None:
            self._restore(chosen)
        self._update_next()
        # Tab order: the answers (one stop for a radio group), then Next, then Pause.
        if self.buttons:
            QWidget.setTabOrder(self.buttons[-1], self.next_button)
        QWidget.setTabOrder(self.next_button, self.pause_button)
        if self.buttons and self.isVisible():
            # Given as a key would give it when the question came from a key (Enter, a number): the style
            # then marks it, as it did not on a new question (no mark, though the focus was there). After
            # a click it stays unmarked, as Qt leaves a focus a click put.
            app_filter.give_focus(self.buttons[0])
        if not keep_choice:
            # A new question is read from its start: the last one may have been scrolled down to its
            # answers, and the next began there with its first lines out of sight.
            self.page.verticalScrollBar().setValue(0)

    def _focus_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.options_box.isAncestorOf(new):
            self.page.ensureWidgetVisible(new)

    def _new_row(self, kind: type[QCheckBox | QRadioButton]) -> _AnswerRow:
        row = _AnswerRow(kind, self.options_box)
        row.fit(COMPACT if self.compact else ROOMY)
        self.options_layout.addWidget(row)
        if kind is QCheckBox:
            row.button.toggled.connect(partial(self._box_toggled, row.button))
            row.button.installEventFilter(self)  # ↑/↓ between the boxes, as between one-answer buttons
        row.button.toggled.connect(self._update_next)
        return row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↑ and ↓ on a «select all» answer move to the answer above or below and choose nothing. Qt moves
        only between radio buttons; its check boxes, each in a row of its own, kept the focus."""
        if (event.type() == QEvent.Type.KeyPress and watched in self.buttons
                and isinstance(event, QKeyEvent)
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            at = self.buttons.index(watched)
            to = at + (1 if event.key() == Qt.Key.Key_Down else -1)
            if 0 <= to < len(self.buttons):
                self.buttons[to].setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _keys_text(self) -> str:
        # "0" is promised only where the question offers "I don't know"; the digits go as far as the
        # answers on screen do (1–4 for four answers: "1–9" sent people pressing keys that do nothing).
        last = str(min(9, max(1, len(self.buttons) - (self.dont_know is not None))))
        if self.dont_know is not None:
            return translate(
                "Quiz", "Keys: 1–%1 choose an answer, 0 = I don't know, arrows move, Enter saves, Esc pauses."
            ).replace("%1", last)
        return translate(
            "Quiz", "Keys: 1–%1 choose an answer, arrows move, Enter saves, Esc pauses."
        ).replace("%1", last)

    def _show_progress(self, answered: int, low: int | None, high: int | None) -> None:
        """The count of questions; where the estimate of those left went up with the last answer, why.

        The estimate follows the answers honestly, so it may rise (26, 27, 28 left): without a word
        that looked like a fault. It is never shown lower than it is; a line under it says why it grew,
        and a screen reader hears that once, as the count's description.
        """
        text = self._progress_text(answered, low, high)
        note = self._rise_note() if self._rose else ""
        self.progress.setText(text)
        self.progress.setToolTip(note)
        self.progress.setAccessibleName(text)
        self.progress.setAccessibleDescription(note)
        self.rise.setText(note)
        self.rise.setVisible(bool(note))

    @staticmethod
    def _rise_note() -> str:
        # A line of its own under the area's name, so a whole sentence (it began in lower case there).
        return translate("Quiz", "Your level is not clear yet, so a few more questions are needed.")

    def _progress_text(self, answered: int, low: int | None, high: int | None) -> str:
        done = Quiz().answered(answered)
        if low is None:
            return done
        if low == 0 and high in (0, None):
            finished = translate("Quiz", "no more questions")
            return f"{done} · {finished}"
        if high is None or high == low:
            left = Quiz().left(low)
        else:
            left = (
                translate("Quiz", "questions left: about %1–%2")
                .replace("%1", str(low))
                .replace("%2", str(high))
            )
        return f"{done} · {left}"

    def _box_toggled(self, button: QAbstractButton, on: bool) -> None:
        if on and button is self.dont_know:
            # Quietly: each box unticked with its signal would have _update_next see the boxes still
            # ticked and untick "I don't know" again, leaving nothing chosen (an answer of "none").
            for other in self.buttons:
                if other is not button and other.isChecked():
                    other.blockSignals(True)
                    other.setChecked(False)
                    other.blockSignals(False)

    def _update_next(self, *_: object) -> None:
        if self.item is None:
            return
        many = self.item.select == "many" and not self.item.on_scale
        if (
            many
            and self.dont_know is not None
            and any(b.isChecked() for b in self.buttons if b is not self.dont_know)
        ):
            self.dont_know.blockSignals(True)
            self.dont_know.setChecked(False)
            self.dont_know.blockSignals(False)
        # With several right answers, choosing none is a real answer too.
        self.next_button.setEnabled(many or any(b.isChecked() for b in self.buttons))

    def choice(self) -> Any:
        """The answer in displayed positions (0 = first shown): an index, a list, or None for "I don't know".

        Keys 1..n and this index refer to what the person sees; stored_choice() gives the file order.
        """
        if self.item is None:
            return None
        if self.dont_know is not None and self.dont_know.isChecked():
            return None
        checked = [self.group.id(b) for b in self.buttons if b.isChecked() and b is not self.dont_know]
        if self.item.select == "many" and not self.item.on_scale:
            return checked
        return checked[0] if checked else DONT_KNOW

    def stored_choice(self) -> Any:
        """The answer as the Workspace takes it: option indexes in the framework file's order."""
        choice = self.choice()
        if choice is None or choice == DONT_KNOW:
            return choice
        if isinstance(choice, list):
            return sorted(self.order[i] for i in choice)
        return self.order[choice]

    def _restore(self, chosen: Any) -> None:
        wanted = [chosen] if isinstance(chosen, int) else (chosen or [])
        for button in self.buttons:
            button.setChecked(self.group.id(button) in wanted)

    def submit(self) -> None:
        if self.session is None or self.item is None:
            return
        if not self.next_button.isEnabled():
            # The arrow keys only move between the answers: Enter after them did nothing, without a word.
            self.win.say(
                lambda: translate("Quiz", "Choose an answer first: press its number, or Space on it."), 8000)
            return
        choice = self.stored_choice()
        if choice == DONT_KNOW:
            return
        seconds, session, lang = time.perf_counter() - self._shown_at, self.session, self.win.lang
        change = self.win.run(lambda: session.answer(choice, seconds=round(seconds, 1), language=lang))
        if change is None:
            if session.finished:
                # This copy is stale: the check went on in another window or the terminal, and this
                # question takes nothing more («Save and next» again said «The quiz is over»). Home shows
                # the check as it is stored; «Continue» goes on from there.
                self.session = None
                self.win.go_home()
            return  # else the problem was shown; the question stays so the person can try again
        self.answered.emit(change)
        self.show_current()

    def pause(self) -> None:
        if self.session is not None and self.isVisible():
            self.win.pause_check(self.session)

    # -- keyboard ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and self.item is not None:
            self._choose_by_number(key - Qt.Key.Key_0)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter saves and goes on, except on "Pause and leave" reached with Tab: there it does what
            # the button says (a push button outside a dialog leaves Enter to its screen).
            if QApplication.focusWidget() is self.pause_button:
                self.pause()
            else:
                self.submit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _choose_by_number(self, number: int) -> None:
        target = (
            self.dont_know
            if number == 0
            else (
                self.buttons[number - 1]
                if number - 1 < len(self.buttons) and self.buttons[number - 1] is not self.dont_know
                else None
            )
        )
        if target is None:
            return
        if isinstance(target, QCheckBox):
            target.setChecked(not target.isChecked())
        else:
            target.setChecked(True)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)


def one_line_width(label: QLabel) -> int:
    """The width `label` needs to show its text on one line."""
    margins = label.contentsMargins()
    text = math.ceil(QFontMetricsF(label.font()).horizontalAdvance(label.text()))
    return text + 1 + margins.left() + margins.right() + 2 * label.margin()


class _CountLine(TextLabel):
    """The count of questions: it asks for the width of its text on one line (a word-wrapped QLabel
    asks for a guessed balanced width, and at 1366×768 the count broke onto two lines with half the
    row empty). Where the row is too narrow it still wraps, never cut off."""

    def sizeHint(self) -> QSize:
        return QSize(max(one_line_width(self), self.minimumSizeHint().width()), super().sizeHint().height())


class _Heading(QWidget):
    """Where the question is from and the count of questions: side by side while both fit on one line
    (the count at the right), else the count on its own line under the first.

    Squeezed side by side on a netbook at 200 % text, each took the other's room: the area and
    competence wrapped onto six lines in a narrow column, or the count did.
    """

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.where = TextLabel(self)
        self.progress = _CountLine(self)
        self.line = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.line.setContentsMargins(0, 0, 0, 0)
        self.line.addWidget(self.where, 1)
        self.line.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignRight)

    def arrange(self) -> None:
        spacing = max(self.line.spacing(), 0)
        side = one_line_width(self.where) + spacing + one_line_width(self.progress) <= self.width()
        wanted = QBoxLayout.Direction.LeftToRight if side else QBoxLayout.Direction.TopToBottom
        if self.line.direction() != wanted:
            self.line.setDirection(wanted)
            self.line.setAlignment(
                self.progress, Qt.AlignmentFlag.AlignRight if side else Qt.AlignmentFlag.AlignLeft)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.arrange()  # a text or its font changed
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange()


class _AnswerRow(QWidget):
    """One answer: the button shows its key, the text beside it wraps (a button's own text never wraps,
    and one long answer made the window wider than the screen). A click on the text chooses the
    answer as a click on the button does."""

    def __init__(self, kind: type[QCheckBox | QRadioButton], parent: QWidget) -> None:
        super().__init__(parent)  # inside the window: a row with no parent would be a window of its own
        line = QHBoxLayout(self)
        line.setContentsMargins(0, ROOMY.row, 0, ROOMY.row)
        self.button: QAbstractButton = kind(self)
        self.text = ButtonText(self.button, self)
        line.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.text, 1)

    def fit(self, spacing: Spacing) -> None:
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(0, spacing.row, 0, spacing.row)

    def show_answer(self, key: str, text: str) -> None:
        self.button.setText(f"&{key}" if key else "")
        self.button.setAccessibleName(text)
        self.text.setText(text)
        self.show()
