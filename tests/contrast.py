"""The contrast ratio between two colours, as WCAG defines it, for tests that read drawn colours."""

from __future__ import annotations

from collections.abc import Sequence


def luminance(rgb: Sequence[float]) -> float:
    """Relative luminance of an (r, g, b) colour with channels from 0 to 1."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Sequence[float], b: Sequence[float]) -> float:
    """From 1 (the same) to 21 (black on white); 4.5 is what ordinary text needs."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
