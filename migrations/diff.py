"""Print the Alembic operations that would bring a migrated database up to the models.

A developer's tool for writing one area's migration by hand without creating
stray revision files: ``python migrations/diff.py [table-prefix ...]`` migrates a
throw-away SQLite database to head, compares it with the models and prints the
``upgrade()`` body, limited to tables whose names start with the given prefixes.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(prefixes: list[str]) -> None:
    """Migrate a temporary database, diff it against the models, print the ops."""
    from alembic.autogenerate import produce_migrations, render_python_code
    from alembic.migration import MigrationContext
    from alembic.operations import ops
    from flask_migrate import upgrade

    from app import create_app
    from models import db

    folder = Path(tempfile.mkdtemp(prefix="samordna-diff-"))
    os.environ["SAMORDNA_INSTANCE"] = str(folder)
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'diff.sqlite'}", "SECRET_KEY": "x"}
    )
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            script = produce_migrations(context, db.metadata)

    def wanted(op: ops.MigrateOperation) -> bool:
        name = getattr(op, "table_name", None) or ""
        return not prefixes or any(name.startswith(p) for p in prefixes)

    script.upgrade_ops.ops = [op for op in script.upgrade_ops.ops if wanted(op)]
    print(render_python_code(script.upgrade_ops, render_as_batch=True))


if __name__ == "__main__":
    main(sys.argv[1:])
