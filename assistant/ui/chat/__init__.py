"""The Chat panel: the transcript view, Markdown rendering, and the panel that ties them to a conversation."""
