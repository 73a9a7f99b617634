"""Sub-commands of the `digigram` command line, one module each; none imports Qt.

Each module defines HELP (one line, English), ``add_arguments(parser)`` and ``run(args) -> int``; one that
reads no database sets ``USES_DATABASE = False``, so that its help offers no --data-dir or --database.
"""

# The order here is the order `digigram --help` lists them.
COMMANDS: tuple[str, ...] = (
    "validate",
    "lint",
    "quiz",
    "people",
    "export",
    "delete",
    "restore",
    "password",
    "bundle",
    "sync",
    "migrate",
    "report",
    "simulate",
    "calibrate",
    "calibration",
)
