"""How the app looks and speaks: the UI language, text size and high contrast, applied at run time."""

from __future__ import annotations

import weakref
from typing import Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPolygon
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QProxyStyle,
    QPushButton,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QStyleOptionHeader,
    QStyleOptionSpinBox,
    QToolButton,
    QWidget,
)
from shiboken6 import isValid

from digigram.ui.translations import compile_all, qm_path

LANGUAGES = ("uk", "en")
SCALE_MIN, SCALE_MAX = 100, 200

_translators: list[QTranslator] = []
_base_point_size: float | None = None
_current = "en"


def current_language() -> str:
    """The language the UI speaks now ("uk" or "en")."""
    return _current


def install_language(lang: str) -> bool:
    """Swap the app's translators for `lang`; Qt then sends LanguageChange to every widget.

    Returns False when our .qm could not be loaded (the English source strings show instead).
    """
    global _current
    app = QCoreApplication.instance()
    assert app is not None
    _current = lang
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Ukrainian if lang == "uk" else QLocale.Language.English,
            QLocale.Country.Ukraine if lang == "uk" else QLocale.Country.UnitedKingdom,
        )
    )
    ok = True
    ours = qm_path(lang)
    if not ours.exists():
        compile_all()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # Ours for every language (English's holds only its plural forms); Qt's own for all but English,
    # the language Qt's texts are written in.
    sources = [(str(ours.parent), ours.stem)] + ([] if lang == "en" else [(qt_folder, f"qtbase_{lang}")])
    for path, name in sources:
        translator = QTranslator(app)
        if translator.load(name, path):
            app.installTranslator(translator)
            _translators.append(translator)
        elif name == ours.stem and lang != "en":
            ok = False  # (English still reads without its file: only its plurals say "level(s)")
    _deliver_language_change()
    return ok


def _deliver_language_change() -> None:
    # Qt posts LanguageChange to the windows; delivering it now means every screen shows the new
    # language before control returns to the caller.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


# Widgets whose down arrow high contrast draws solid and large (ScaledIndicators.drawPrimitive).
_SOLID_ARROWS = (QComboBox, QDateTimeEdit, QToolButton, QPushButton)
_TOOL_ARROWS = {QStyle.PrimitiveElement.PE_IndicatorArrowRight: "right",
                QStyle.PrimitiveElement.PE_IndicatorArrowLeft: "left",
                QStyle.PrimitiveElement.PE_IndicatorArrowUp: "up"}


class ScaledIndicators(QProxyStyle):
    """The app's style, with check boxes, radio circles, tab scroll arrows and spin box arrows as large as
    the text, the room beside a button's text growing with it, and a frame round a focused tool button.

    Fusion keeps them at their 100 % size, a small target beside text at 200 %, where a button's text
    nearly touched its edge. High contrast sizes the indicators and a button's padding in its style
    sheet instead, which takes precedence; there (`contrast`) a drop-down list's arrow is drawn here,
    large and solid, in the room the sheet leaves for it.
    """

    _METRICS = frozenset({QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight,
                          QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
                          QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
                          # the arrows that scroll a row of tabs too wide for the window
                          QStyle.PixelMetric.PM_TabBarScrollButtonWidth})

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.percent = SCALE_MIN
        self.contrast = False

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        value = super().pixelMetric(metric, option, widget)
        if self.percent != SCALE_MIN and metric in self._METRICS:
            return round(value * self.percent / SCALE_MIN)
        return value

    def _grown(self, value: int) -> int:
        """How much wider than at 100 % something `value` wide is at the present text size."""
        return round(value * (self.percent - SCALE_MIN) / SCALE_MIN)

    def sizeFromContents(self, kind: QStyle.ContentsType, option: QStyleOption | None, size: QSize,
                         widget: QWidget | None = None) -> QSize:
        # Qt passes no option or widget at times; the binding's hints say otherwise.
        grown = super().sizeFromContents(kind, option, size, widget)  # type: ignore[arg-type]
        if self.percent == SCALE_MIN:
            return grown
        if kind == QStyle.ContentsType.CT_PushButton:
            margin = super().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, widget)
            return grown + QSize(2 * self._grown(margin), 0)
        if kind == QStyle.ContentsType.CT_SpinBox:
            return grown + QSize(self._grown(self._ARROWS), 0)
        return grown

    # Fusion's spin box arrows are this wide at every text size.
    _ARROWS = 14

    @staticmethod
    def _mark_focus(option: QStyleOption, painter: QPainter) -> None:
        """A frame in the selection colour round a focused tool button, which Fusion leaves unmarked: the
        toolbar's «Керування» and the filters' button showed no sign that the keyboard was on them."""
        width = max(2, round(option.fontMetrics.height() / 9))
        pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), width)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.save()
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = (width + 1) // 2
        painter.drawRect(option.rect.adjusted(half, half, -half - (width % 2), -half - (width % 2)))
        painter.restore()

    def _edge_handle(self, option: QStyleOptionComplex, painter: QPainter, widget: QWidget | None) -> None:
        """A scroll bar's handle edged in the text's colour: Fusion outlines it in a grey of 30 on black
        (1.2 : 1), and in high contrast nobody could tell how far down the trainee table was shown."""
        handle = self.subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                     QStyle.SubControl.SC_ScrollBarSlider, widget)
        self._edge(handle, option, painter)

    @staticmethod
    def _edge(rect: QRect, option: QStyleOption, painter: QPainter) -> None:
        """A 2-pixel edge in the text's colour just inside `rect`."""
        if not rect.isValid() or rect.width() < 4 or rect.height() < 4:
            return
        on = bool(option.state & QStyle.StateFlag.State_Enabled)
        pen = QPen(option.palette.color(QPalette.ColorGroup.Normal if on else QPalette.ColorGroup.Disabled,
                                        QPalette.ColorRole.WindowText), 2)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.save()
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption, painter: QPainter,
                    widget: QWidget | None = None) -> None:
        super().drawControl(element, option, painter, widget)
        if self.contrast and element == QStyle.ControlElement.CE_ProgressBarGroove:
            # Fusion edges a progress bar in a darker shade of the window's black: the part still to
            # come was black on black, and how much of an import was left could not be seen.
            self._edge(option.rect, option, painter)

    def subControlRect(self, control: QStyle.ComplexControl, option: QStyleOptionComplex,
                       sub: QStyle.SubControl, widget: QWidget | None = None) -> QRect:
        rect = super().subControlRect(control, option, sub, widget)  # type: ignore[arg-type]
        if (control != QStyle.ComplexControl.CC_SpinBox or self.percent == SCALE_MIN
                or option.direction != Qt.LayoutDirection.LeftToRight):
            return rect
        extra = self._grown(self._ARROWS)
        if sub in (QStyle.SubControl.SC_SpinBoxUp, QStyle.SubControl.SC_SpinBoxDown):
            return rect.adjusted(-extra, 0, 0, 0)  # wider to the left, their right edge kept
        if sub == QStyle.SubControl.SC_SpinBoxEditField:
            return rect.adjusted(0, 0, -extra, 0)
        return rect

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        # In high contrast the sheet draws a drop-down list (and a calendar date field) and asks for the
        # arrow alone. Fusion's was at most 8 pixels wide in a faded text colour: grey on black, and no
        # larger at 200 % text. Here it is solid, in the text's colour, as wide as half the text is high.
        # So are a menu button's arrow («Показати лише…», «Керування», «Файли») and a table's sort arrow,
        # as large as the room the style gives them.
        Element = QStyle.PrimitiveElement
        if self.contrast and element == Element.PE_IndicatorArrowDown and isinstance(widget, _SOLID_ARROWS):
            self._solid_arrow(option, painter, "down")
        elif self.contrast and element in _TOOL_ARROWS and isinstance(widget, QToolButton):
            # A folded «Показати лише…» points right; the tab bar's scroll buttons point left and right.
            self._solid_arrow(option, painter, _TOOL_ARROWS[element])
        elif (self.contrast and element == Element.PE_IndicatorHeaderArrow
              and isinstance(option, QStyleOptionHeader)
              and option.sortIndicator != QStyleOptionHeader.SortIndicator.None_):
            # Qt marks an ascending column SortDown, and Fusion draws it pointing down: kept so.
            ascending = option.sortIndicator == QStyleOptionHeader.SortIndicator.SortDown
            self._solid_arrow(option, painter, "down" if ascending else "up")
        else:
            super().drawPrimitive(element, option, painter, widget)

    @staticmethod
    def _solid_arrow(option: QStyleOption, painter: QPainter, pointing: str) -> None:
        on = bool(option.state & QStyle.StateFlag.State_Enabled)
        colour = option.palette.color(QPalette.ColorGroup.Normal if on else QPalette.ColorGroup.Disabled,
                                      QPalette.ColorRole.ButtonText)
        rect = option.rect
        arrow = min(list_arrow_room(option.fontMetrics.height())[0], rect.width(), 2 * rect.height())
        half, tall = arrow // 2, (arrow + 1) // 2
        x, y = rect.center().x(), rect.center().y()
        near, far = -(tall // 2), tall - tall // 2  # the base's and the tip's distance from the centre
        points = {"down": [(x - half, y + near), (x + half + 1, y + near), (x, y + far)],
                  "up": [(x - half, y + far), (x + half + 1, y + far), (x, y + near)],
                  "right": [(x + near, y - half), (x + near, y + half + 1), (x + far, y)],
                  "left": [(x + far, y - half), (x + far, y + half + 1), (x + near, y)]}[pointing]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygon([QPoint(px, py) for px, py in points]))
        painter.restore()

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex,
                           painter: QPainter, widget: QWidget | None = None) -> None:
        if control == QStyle.ComplexControl.CC_ToolButton:
            super().drawComplexControl(control, option, painter, widget)
            if option.state & QStyle.StateFlag.State_HasFocus:
                self._mark_focus(option, painter)
            return
        if control == QStyle.ComplexControl.CC_ScrollBar and self.contrast:
            super().drawComplexControl(control, option, painter, widget)
            self._edge_handle(option, painter, widget)
            return
        arrows = QStyle.SubControl.SC_SpinBoxUp | QStyle.SubControl.SC_SpinBoxDown
        if (control != QStyle.ComplexControl.CC_SpinBox or self.percent == SCALE_MIN
                or not isinstance(option, QStyleOptionSpinBox)
                or option.buttonSymbols != QAbstractSpinBox.ButtonSymbols.UpDownArrows
                or not option.subControls & arrows):
            super().drawComplexControl(control, option, painter, widget)
            return
        # Fusion draws its arrows at one size in any room: drawn here, they grow with the text.
        plain = QStyleOptionSpinBox(option)
        plain.subControls = option.subControls & ~arrows
        super().drawComplexControl(control, plain, painter, widget)
        steps = (
            (QStyle.SubControl.SC_SpinBoxUp, QAbstractSpinBox.StepEnabledFlag.StepUpEnabled, -1),
            (QStyle.SubControl.SC_SpinBoxDown, QAbstractSpinBox.StepEnabledFlag.StepDownEnabled, 1))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for sub, enabled, way in steps:
            rect = self.subControlRect(control, option, sub, widget)
            on = bool(option.state & QStyle.StateFlag.State_Enabled) and bool(option.stepEnabled & enabled)
            group = QPalette.ColorGroup.Normal if on else QPalette.ColorGroup.Disabled
            painter.setBrush(option.palette.color(group, QPalette.ColorRole.ButtonText))
            half = max(3, min(rect.width() // 3, rect.height() - 4))
            tall = max(3, min(half, rect.height() - 6))
            centre = rect.center()
            tip = centre.y() + way * tall // 2
            base = centre.y() - way * tall // 2
            painter.drawPolygon(QPolygon([
                QPoint(centre.x() - half, base), QPoint(centre.x() + half, base), QPoint(centre.x(), tip)]))
        painter.restore()


def apply_looks(*, text_scale: int, high_contrast: bool) -> None:
    """Text size (`text_scale` % of the system size, 100–200) and contrast, set together on every change.

    A style sheet (high contrast) stores each widget's font when it first styles it and gives that font
    back when it is lifted. Set in separate steps, the two left stale sizes behind: the coordinator's
    tabs, styled while out of sight, kept the old size, and the Home title fell to the size it had
    before the sheet. So the sheet always comes off first, the palette and font are set with no sheet,
    every widget takes the new font, and only then does the sheet go on, built for that font.
    """
    global _base_point_size
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    percent = max(SCALE_MIN, min(SCALE_MAX, int(text_scale)))
    if app.styleSheet():
        app.setStyleSheet("")
    app.setPalette(_contrast_palette() if high_contrast else app.style().standardPalette())
    font = QFont(app.font())
    if _base_point_size is None:
        size = font.pointSizeF()
        # Offscreen and some X setups report a tiny default; a library PC needs readable text.
        _base_point_size = max(size, 10.0) if size > 0 else 10.0
    font.setPointSizeF(_base_point_size * percent / 100)
    style = app.style()
    if isinstance(style, ScaledIndicators):  # before the font: the relayout it causes asks the new size
        style.percent = percent
        style.contrast = high_contrast
    app.setFont(font)
    # Widgets out of sight take the new font from posted events; delivered now, before the sheet
    # stores their fonts.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
    if high_contrast:
        app.setStyleSheet(contrast_sheet(font))
    # Labels sized relative to the app font (titles, questions) size themselves again, whatever font
    # the sheet gave back or stored. Only those: a wrapper made here for every widget of the app (from
    # allWidgets) crashed the interpreter now and then after a message box had just closed.
    for widget in list(_FOLLOWING):
        if isValid(widget):
            widget.follow_app_font()


class FollowsAppFont(Protocol):
    def follow_app_font(self) -> None: ...


# Widgets whose font is relative to the app's, told again after each change of looks (follows_app_font).
_FOLLOWING: weakref.WeakSet[FollowsAppFont] = weakref.WeakSet()


def follows_app_font(widget: FollowsAppFont) -> None:
    """`widget.follow_app_font()` is called at the end of every apply_looks, once the style sheet is on,
    for as long as the widget lives."""
    _FOLLOWING.add(widget)


def _contrast_palette() -> QPalette:
    """White on black with strong focus and selection colours."""
    pal = QPalette()
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    for role, colour in (
        (QPalette.ColorRole.Window, black),
        (QPalette.ColorRole.WindowText, white),
        (QPalette.ColorRole.Base, black),
        (QPalette.ColorRole.AlternateBase, QColor("#202020")),
        (QPalette.ColorRole.Text, white),
        (QPalette.ColorRole.Button, black),
        (QPalette.ColorRole.ButtonText, white),
        (QPalette.ColorRole.Highlight, yellow),
        (QPalette.ColorRole.HighlightedText, black),
        (QPalette.ColorRole.ToolTipBase, black),
        (QPalette.ColorRole.ToolTipText, white),
        (QPalette.ColorRole.Link, yellow),
        (QPalette.ColorRole.PlaceholderText, QColor("#c0c0c0")),
        (QPalette.ColorRole.BrightText, yellow),
    ):
        pal.setColor(role, colour)
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#a0a0a0"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#a0a0a0"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#a0a0a0"))
    return pal


MENU_BUTTON = "menuButton"  # a push button's property, set true where it opens a menu (contrast_sheet)


def list_arrow_room(text_height: int) -> tuple[int, int]:
    """A high-contrast drop-down list's arrow width and the width of the room it sits in, for text
    `text_height` pixels high: half that height, in a room wide enough for a finger or a shaky mouse."""
    arrow = max(8, round(text_height * 0.6))
    return arrow, arrow + max(10, arrow)


def contrast_sheet(font: QFont) -> str:
    """The high-contrast style sheet for text in `font` (indicator sizes follow the text size)."""
    # Style sheets take no "em" for a radius: with one, radio buttons were drawn square, like check
    # boxes. Sizes in pixels from the font keep a circle a circle at every text size.
    height = QFontMetrics(font).height()
    box = max(12, round(height * 0.8))
    arrow = list_arrow_room(height)[0]
    return (
        # A thick yellow outline shows where the keyboard is, whatever the style draws.
        "*:focus { outline: 2px solid #ffff00; } "
        "QPushButton { border: 2px solid #ffffff; padding: 4px 10px; } "
        # The focused edge is a pixel thicker and the padding a pixel thinner: the text keeps the room the
        # button was laid out with at rest («Видалити слухача…» was cut when the keyboard reached it).
        # The yellow edge is the button's focus mark; the outline drawn round its text crossed the letters.
        "QPushButton:focus { border: 3px solid #ffff00; padding: 3px 9px; outline: none; } "
        # Text fields and lists are drawn black on black with no edge: an empty name or PIN field
        # could not be found at all. A white edge shows each, a yellow one the focused one.
        "QLineEdit, QTextEdit, QPlainTextEdit, QListWidget { border: 2px solid #ffffff; } "
        "QLineEdit:focus, QTextEdit:focus, QPlainTextEdit:focus, QListWidget:focus { "
        "border: 3px solid #ffff00; } "
        # Drop-down lists and date fields had the style's dark-grey edge on black and read as plain text.
        # The edge is as wide when focused, only yellow: the text inside keeps its room.
        "QComboBox, QAbstractSpinBox { border: 2px solid #ffffff; padding: 0px 2px; } "
        # An editable list's text field needs its text's height and a little more, or its letters are cut.
        f"QComboBox {{ min-height: {QFontMetrics(font).height() + 4}px; }} "
        "QComboBox:disabled, QAbstractSpinBox:disabled { border-color: #a0a0a0; } "
        "QComboBox:focus, QAbstractSpinBox:focus { border-color: #ffff00; } "
        # The text field inside an editable list or a date field is framed by its owner.
        "QComboBox QLineEdit, QAbstractSpinBox QLineEdit { border: none; padding: 0px; } "
        # A tool button's edge turns yellow when the keyboard is on it; on the toolbar the edge is black
        # at rest, so the commands there do not all look like framed buttons.
        "QToolButton { border: 2px solid #ffffff; padding: 2px 6px; } "
        "QToolBar QToolButton { border-color: #000000; } "
        "QToolButton:focus { border-color: #ffff00; } "
        # ...but the arrows that scroll a row of tabs keep the narrow room the tab bar gives them.
        "QTabBar QToolButton { border: none; padding: 0px; } "
        # The open tab is drawn inverted, white with black text; the others are black with a grey edge.
        "QTabBar::tab { background: #000000; color: #ffffff; border: 2px solid #a0a0a0; padding: 4px 10px; "
        "margin-right: 2px; } "
        "QTabBar::tab:selected { background: #ffffff; color: #000000; border-color: #ffffff; } "
        # The tab the keyboard is on has a yellow edge. The outline every focused widget gets was drawn
        # round its words instead: yellow on the open tab's white, over its first and last letters.
        "QTabBar::tab:selected:focus { border-color: #ffff00; } QTabBar:focus { outline: none; } "
        # The style draws empty check boxes and radio circles black on black: give them a white
        # edge, and fill the chosen ones yellow.
        f"QCheckBox::indicator, QRadioButton::indicator {{ width: {box}px; height: {box}px; "
        "border: 2px solid #ffffff; background: #000000; } "
        f"QRadioButton::indicator {{ border-radius: {box // 2 + 2}px; }} "
        # The arrows of a row of tabs too wide for the window, as large as the text (the width is for
        # both arrows together), as ScaledIndicators makes them without the sheet.
        f"QTabBar::scroller {{ width: {2 * max(box, 16)}px; }} "
        "QCheckBox::indicator:checked, QRadioButton::indicator:checked { background: #ffff00; "
        "border: 3px solid #ffffff; } "
        # Room for the list's arrow, which ScaledIndicators draws large and white: the text stops before it.
        f"QComboBox::drop-down, QDateTimeEdit::drop-down {{ width: {list_arrow_room(height)[1]}px; }} "
        # A menu button's arrow («Файли», the toolbar's «Керування») as large as a list's, which
        # ScaledIndicators draws white, beside the text: the sheet's own was a few pixels, and on the
        # toolbar it sat over the word's last letter.
        f"QPushButton::menu-indicator, QToolButton::menu-indicator {{ subcontrol-origin: padding; "
        f"subcontrol-position: right center; width: {arrow}px; height: {arrow}px; }} "
        f"QToolButton[popupMode=\"2\"] {{ padding-right: {arrow + 8}px; }} "
        # A push button with a menu (MENU_BUTTON) keeps room for it right of its text, on its focus edge too.
        f"QPushButton[{MENU_BUTTON}=\"true\"] {{ padding-right: {arrow + 16}px; }} "
        f"QPushButton[{MENU_BUTTON}=\"true\"]:focus {{ padding-right: {arrow + 15}px; }} "
        "QPushButton::menu-indicator { right: 6px; } "
        # The style's OK and Cancel icons are dark green and red, unreadable on black: the words say it.
        "QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 0; }"
    )
