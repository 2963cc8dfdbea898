"""The Summarize panel: files and pasted text in, a summary with links back to the source out."""
