"""The message tree in SQL: a message's ancestors, its subtree, the newest leaf below it.

Regenerate and edit-and-resend make branches; the conversation shows one path through the tree,
root → ``current_leaf_id``. These run inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3

# A message and its ancestors, in no order (``ancestors`` orders them). Parameter: id.
# UNION, not UNION ALL, here and below: a cycle of parents (only in a damaged file) must end.
ANCESTORS = """
WITH RECURSIVE up(id) AS (
    SELECT ?
    UNION
    SELECT m.parent_id FROM messages AS m JOIN up ON m.id = up.id WHERE m.parent_id IS NOT NULL
)
"""

# A message and all its descendants. Parameter: id.
SUBTREE = """
WITH RECURSIVE subtree(id) AS (
    SELECT ?
    UNION
    SELECT m.id FROM messages AS m JOIN subtree ON m.parent_id = subtree.id
)
"""


def ancestors(c: sqlite3.Connection, message_id: int, columns: str) -> list[sqlite3.Row]:
    """The message and its ancestors, nearest first (``columns`` select from ``messages AS m``)."""
    rows = c.execute(
        f"{ANCESTORS} SELECT {columns}, m.parent_id AS _parent FROM up JOIN messages AS m USING (id)", (message_id,)
    ).fetchall()
    by_id = {r["id"]: r for r in rows}
    chain: list[sqlite3.Row] = []
    current = by_id.get(message_id)
    while current is not None and len(chain) < len(by_id):  # the length bound ends a cycle
        chain.append(current)
        current = by_id.get(current["_parent"])
    return chain


def latest_leaf(c: sqlite3.Connection, conversation_id: int, *, under: int | None) -> int | None:
    """The newest non-deleted leaf at or below ``under`` (None: below any first message), or None."""
    if under is None:
        seed = "SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS NULL AND deleted_at IS NULL"
        arg = conversation_id
    else:
        seed = "SELECT id FROM messages WHERE id = ? AND deleted_at IS NULL"
        arg = under
    row = c.execute(
        f"""
        WITH RECURSIVE below(id) AS (
            {seed}
            UNION
            SELECT m.id FROM messages AS m JOIN below ON m.parent_id = below.id WHERE m.deleted_at IS NULL
        )
        SELECT m.id FROM messages AS m JOIN below ON m.id = below.id
        -- Leaves first; "no leaf at all" happens only in a cycle of parents (a damaged file).
        ORDER BY NOT EXISTS (SELECT 1 FROM messages AS child WHERE child.parent_id = m.id AND child.deleted_at IS NULL)
            DESC, m.created DESC, m.id DESC
        LIMIT 1
        """,
        (arg,),
    ).fetchone()
    return None if row is None else row[0]
