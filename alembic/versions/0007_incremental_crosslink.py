"""What incremental cross-linking reads instead of the whole corpus (issue 16, point 3)

- doc_entity_keys: the blocking keys each doc entity emits (pipeline/resolve/blocking.py), with a GIN
  index, so the doc entities a change can reach are found by key (a table of its own: cross-linking
  rewrites doc_entities.entity_id, and every new row version would re-enter a GIN index on it);
- crosslink_leftovers: what a re-stored page's replaced doc entities left behind until the next
  cross-linking (the nodes they were in, their keys, the articles their mentions named);
- article_entity_sets: each article's entities as cross-linking last ranked them (GIN-indexed), so
  ranking reads the articles it re-ranks and their candidates, not every mention;
- an index on roles.organization_doc_entity_id: replacing a page's doc entities sets it NULL in the
  roles naming them (ON DELETE SET NULL), which without it scanned every role once per doc entity
  (0.9 s a page at 10k pages).

Empty after the upgrade; cross-linking code changes with it, so the next run is a full one and fills them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 14:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "doc_entity_keys",
        sa.Column(
            "doc_entity_id",
            sa.BigInteger(),
            sa.ForeignKey("doc_entities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("keys", postgresql.ARRAY(sa.Text()), nullable=False),
    )
    op.create_index("ix_doc_entity_keys_keys", "doc_entity_keys", ["keys"], postgresql_using="gin")
    op.create_index("ix_roles_organization_doc_entity_id", "roles", ["organization_doc_entity_id"])
    op.create_table(
        "crosslink_leftovers",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("entity_ids", postgresql.ARRAY(sa.BigInteger()), nullable=False, server_default="{}"),
        sa.Column("blocking", postgresql.ARRAY(sa.Text()), nullable=False, server_default="{}"),
        sa.Column("article_ids", postgresql.ARRAY(sa.BigInteger()), nullable=False, server_default="{}"),
    )
    op.create_table(
        "article_entity_sets",
        sa.Column(
            "article_id",
            sa.BigInteger(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("entity_ids", postgresql.ARRAY(sa.BigInteger()), nullable=False),
    )
    op.create_index(
        "ix_article_entity_sets_entity_ids", "article_entity_sets", ["entity_ids"], postgresql_using="gin"
    )


def downgrade() -> None:
    op.drop_table("article_entity_sets")
    op.drop_table("crosslink_leftovers")
    op.drop_index("ix_roles_organization_doc_entity_id", table_name="roles")
    op.drop_table("doc_entity_keys")
