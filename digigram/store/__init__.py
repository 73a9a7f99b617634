"""Storage on SQLAlchemy 2: database, models, repository functions and migrations; no Qt."""
