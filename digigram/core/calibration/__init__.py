"""Item calibration from real answers: marginal ML by EM per area, fit and flags; pure numpy."""

from __future__ import annotations

from digigram.core.calibration.calibrate import (
    DEFAULT_MIN_RESPONSES,
    CalibrationResult,
    ItemCalibration,
    Linking,
    Response,
    calibrate,
)
from digigram.core.calibration.diagnostics import FLAGS, ItemDiagnostics
from digigram.core.calibration.em import Priors

__all__ = [
    "DEFAULT_MIN_RESPONSES",
    "FLAGS",
    "CalibrationResult",
    "ItemCalibration",
    "ItemDiagnostics",
    "Linking",
    "Priors",
    "Response",
    "calibrate",
]
