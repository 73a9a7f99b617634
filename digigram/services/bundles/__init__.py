"""Offline result bundles against the database: export, checks and a verify-first import."""
