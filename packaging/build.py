"""Build the one-folder program, run its self-test and (on Linux) pack a .tar.xz; prints the figures."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
BUNDLE = DIST / "digigram"
TARGET_ARCHIVE_MIB = 60  # what a library's slow line can fetch in reasonable time


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from digigram import __version__

    return __version__


def folder_size(folder: Path) -> int:
    """Bytes on disk in 4 KiB blocks, as `du` counts them (what the user's disk loses)."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += -(-path.stat().st_size // 4096) * 4096
    return total


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def pyinstaller(*, clean: bool) -> float:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
               str(PACKAGING / "digigram.spec")]
    if clean:
        command.insert(3, "--clean")
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    return time.perf_counter() - started


def program() -> Path:
    name = "digigram-console.exe" if sys.platform == "win32" else "digigram"
    return BUNDLE / name


def self_test(lang: str) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DIGIGRAM_DATA_DIR", None)
    return subprocess.run([str(program()), "--self-test", "--lang", lang], env=env, check=False).returncode


def linux_tarball(ver: str) -> Path:
    """dist/digigram-VERSION-linux-x86_64.tar.xz: the program folder, icons, .desktop file and scripts."""
    top = f"digigram-{ver}"
    target = DIST / f"{top}-linux-{platform.machine()}.tar.xz"
    extras = {
        "install.sh": PACKAGING / "linux" / "install.sh",
        "uninstall.sh": PACKAGING / "linux" / "uninstall.sh",
        "digigram.desktop": PACKAGING / "linux" / "digigram.desktop",
        "THIRD-PARTY.md": PACKAGING / "THIRD-PARTY.md",
        "install.md": ROOT / "docs" / "install.md",
    }
    icons = sorted((PACKAGING / "icons").glob("digigram-*.png"))
    xz = shutil.which("xz")
    tar = shutil.which("tar")
    if xz and tar:  # multi-threaded xz is several times faster than Python's single-threaded lzma
        stage = DIST / "stage" / top
        shutil.rmtree(stage.parent, ignore_errors=True)
        (stage / "icons").mkdir(parents=True)
        for name, source in extras.items():
            if source.exists():
                shutil.copy2(source, stage / name)
        for icon in icons:
            shutil.copy2(icon, stage / "icons" / icon.name)
        env = dict(os.environ, XZ_OPT="-6 -T0")
        # The bundle is renamed into the top folder on the way in (links inside it are kept as links).
        subprocess.run([tar, "--owner=0", "--group=0", "-cJf", str(target),
                        f"--transform=flags=r;s,^digigram/,{top}/digigram/,",
                        f"--transform=flags=r;s,^digigram$,{top}/digigram,",
                        "-C", str(stage.parent), top, "-C", str(DIST), "digigram"], env=env, check=True)
        shutil.rmtree(stage.parent, ignore_errors=True)
        return target
    with tarfile.open(target, "w:xz", preset=6) as out:
        out.add(BUNDLE, arcname=f"{top}/digigram")
        for name, source in extras.items():
            if source.exists():
                out.add(source, arcname=f"{top}/{name}")
        for icon in icons:
            out.add(icon, arcname=f"{top}/icons/{icon.name}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clean", action="store_true", help="build from scratch, ignoring the cache")
    parser.add_argument("--no-archive", action="store_true", help="skip the .tar.xz")
    parser.add_argument("--lang", default="uk", choices=("uk", "en"), help="language of the self-test")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    took = pyinstaller(clean=args.clean)
    print(f"PyInstaller: {took:.1f} s; bundle {BUNDLE.relative_to(ROOT)}: {mib(folder_size(BUNDLE))} on disk")
    code = self_test(args.lang)
    if code != 0:
        print(f"The built program failed its self-test (exit {code}).", file=sys.stderr)
        return 1
    if sys.platform.startswith("linux") and not args.no_archive:
        t0 = time.perf_counter()
        archive = linux_tarball(version())
        size = archive.stat().st_size
        print(f"Archive {archive.relative_to(ROOT)}: {mib(size)} ({size} bytes) "
              f"in {time.perf_counter() - t0:.1f} s")
        over = (size - TARGET_ARCHIVE_MIB * 2**20) / 2**20
        verdict = "met" if over <= 0 else f"MISSED by {over:.1f} MiB"
        print(f"  target <= {TARGET_ARCHIVE_MIB} MiB: {verdict}")
    print(f"Total: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
