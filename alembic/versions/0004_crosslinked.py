"""documents.version and documents.crosslinked: which version of each page cross-linking has seen

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 15:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    # NULL: never cross-linked, so the first run after the upgrade cross-links everything once
    op.add_column("documents", sa.Column("crosslinked", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("documents", "crosslinked")
    op.drop_column("documents", "version")
