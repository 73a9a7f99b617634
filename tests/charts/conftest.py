"""Shared sample data for the chart tests: six areas with Ukrainian names, levels A1–C2."""

from __future__ import annotations

import pytest

from digigram.charts.model import AreaBar

LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]
AREA_NAMES = [
    "Інформаційна грамотність і робота з даними",
    "Комунікація та співпраця в мережі",
    "Створення цифрового контенту",
    "Безпека в цифровому середовищі",
    "Розв'язання проблем і технічна підтримка",
    "Цифрове наставництво та е-послуги",
]
# (level, band lo, band hi, target) per area; the fifth area has no target
SPEC = [(2, 1, 2, 3), (3, 2, 3, 3), (1, 0, 2, 2), (2, 2, 3, 4), (0, 0, 1, None), (4, 3, 5, 3)]


@pytest.fixture
def bars() -> list[AreaBar]:
    return [
        AreaBar(f"area{i}", name, lv, lo, hi, target)
        for i, (name, (lv, lo, hi, target)) in enumerate(zip(AREA_NAMES, SPEC, strict=True))
    ]
