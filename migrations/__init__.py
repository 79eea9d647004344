"""runlog's Alembic migrations, shipped inside the wheel as ``runlog.migrations``."""
