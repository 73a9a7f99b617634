"""The use cases behind the one facade (Workspace) that the desktop app and the command line call."""
