"""Storage: one SQLite database (WAL) for conversations, drafts, presets and search."""
