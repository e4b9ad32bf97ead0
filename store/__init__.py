"""Storage: SQLAlchemy models, the session factory and the repositories. The only place that writes SQL."""
