"""Digigram: an offline digital-competence check and development plan for librarians."""

from digigram.core.hashing import import_hashlib_without_openssl

__version__ = "0.1.0"

import_hashlib_without_openssl()  # first, before SQLAlchemy or anything else imports hashlib
