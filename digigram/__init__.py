"""Digigram: an offline digital-competence check and development plan for librarians."""

__version__ = "0.1.0"
