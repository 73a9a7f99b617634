"""The Qt interface: one module per screen, talking only to the Workspace."""
