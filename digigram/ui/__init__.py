"""The Qt interface: one module per screen, talking only to the Workspace."""

from digigram.ui.import_hook import keep_source_check_light

keep_source_check_light()  # before any screen pulls in SQLAlchemy, numpy or matplotlib
