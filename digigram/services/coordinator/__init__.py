"""Coordinator mode: unlocking with the password, the dashboard, exports; no Qt."""
