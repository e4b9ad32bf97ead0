"""Indexes for the orders and lists of issue 17 (h5), and entities.article_count

Each order a connection offers walks an index on exactly its sort key, id last (store/keyset.py):
articles by the day they ran, by listing day, by title; people, organizations and places by name and
by number of articles (a stored count, kept by store/counts.py); documents and ingestion runs newest
first.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 01:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COUNTS = """
UPDATE entities AS e SET article_count = c.n
FROM (
    SELECT d.entity_id AS id, count(DISTINCT m.article_id) AS n
    FROM doc_entities AS d JOIN mentions AS m ON m.doc_entity_id = d.id
    WHERE d.entity_id IS NOT NULL
    GROUP BY d.entity_id
) AS c
WHERE e.id = c.id
"""


def upgrade() -> None:
    op.add_column("entities", sa.Column("article_count", sa.Integer(), nullable=False, server_default="0"))
    op.execute(_COUNTS)
    op.create_index(
        "ix_articles_day_id",
        "articles",
        [sa.text("coalesce(published_on, listed_on, DATE '-infinity')"), "id"],
    )
    op.create_index("ix_articles_listed_id", "articles", [sa.text("coalesce(listed_on, DATE '-infinity')"), "id"])
    op.create_index("ix_articles_title_id", "articles", [sa.text('title COLLATE "und-x-icu"'), "id"])
    op.create_index("ix_entities_kind_name_id", "entities", ["kind", sa.text('name COLLATE "und-x-icu"'), "id"])
    op.create_index("ix_entities_kind_articles_id", "entities", ["kind", "article_count", "id"])
    op.create_index("ix_documents_ingested_id", "documents", ["ingested_at", "id"])
    op.create_index("ix_ingestion_runs_created_id", "ingestion_runs", ["created_at", "id"])


def downgrade() -> None:
    for name, table in (
        ("ix_ingestion_runs_created_id", "ingestion_runs"),
        ("ix_documents_ingested_id", "documents"),
        ("ix_entities_kind_articles_id", "entities"),
        ("ix_entities_kind_name_id", "entities"),
        ("ix_articles_title_id", "articles"),
        ("ix_articles_listed_id", "articles"),
        ("ix_articles_day_id", "articles"),
    ):
        op.drop_index(name, table_name=table)
    op.drop_column("entities", "article_count")
