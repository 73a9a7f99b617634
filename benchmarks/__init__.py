"""Measured figures: each module here has a main() that times one thing and prints what it saw."""
