"""doc_entities.ref: the gazetteer id of a place, so resolution can tell same-named places apart

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 10:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("doc_entities", sa.Column("ref", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("doc_entities", "ref")
