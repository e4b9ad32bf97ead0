"""doc_entities.evidence and entities.evidence: the recognisers and cues that made each entity

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 01:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    empty = sa.text("'{}'::text[]")
    op.add_column(
        "doc_entities",
        sa.Column("evidence", postgresql.ARRAY(sa.Text()), nullable=False, server_default=empty),
    )
    op.add_column(
        "entities", sa.Column("evidence", postgresql.ARRAY(sa.Text()), nullable=False, server_default=empty)
    )
    # pages stored before this carry no evidence: they are extracted again on the next ingest (the
    # pipeline's version changed), and cross-linking runs again (its version changed)


def downgrade() -> None:
    op.drop_column("entities", "evidence")
    op.drop_column("doc_entities", "evidence")
