"""search: pg_trgm on entity names and aliases

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 10:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # name, aliases and their Latin transliterations, one per line: what people/organizations/places search
    op.add_column("entities", sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    op.execute("UPDATE entities SET search_text = name || E'\\n' || array_to_string(aliases, E'\\n')")
    op.create_index(
        "ix_entities_search_text_trgm",
        "entities",
        ["search_text"],
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.create_index("ix_entities_kind_id", "entities", ["kind", "id"])


def downgrade() -> None:
    op.drop_index("ix_entities_kind_id", table_name="entities")
    op.drop_index("ix_entities_search_text_trgm", table_name="entities")
    op.drop_column("entities", "search_text")
