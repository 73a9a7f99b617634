"""The coordinator's screens: password, dashboard, trainee view, exports and bundles."""
