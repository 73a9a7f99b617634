"""Render digigram.svg to the PNG sizes desktops ask for and to a Windows .ico (run after editing the SVG)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target)):
        raise SystemExit(f"cannot write {target}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QImage painting needs one
    svg = HERE / "digigram.svg"
    pngs = []
    for size in SIZES:
        target = HERE / f"digigram-{size}.png"
        render(svg, size, target)
        pngs.append(target)
    # Each size is drawn from the SVG, not scaled down from 256 px, so small sizes stay crisp.
    images = [Image.open(p).convert("RGBA") for p in pngs]
    biggest = images[-1]
    biggest.save(HERE / "digigram.ico", format="ICO", sizes=[(s, s) for s in SIZES],
                 append_images=images[:-1])
    print(f"wrote {len(pngs)} PNGs and digigram.ico in {HERE}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
