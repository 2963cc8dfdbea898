"""The Library: the user's own documents, indexed on this machine and searched for the passages that
answer a question. No Qt here.

* ``passages``: a document's sections cut into passages small enough to embed, with where they are.
* ``store``: the index in its own SQLite file beside the conversations (``library.sqlite3``).
* ``search``: hybrid retrieval: FTS5 BM25 and embedding vectors, fused by reciprocal rank.
* ``answer``: the prompt that hands passages to the model as data, and the citations in its answer.

The flows (index a collection with progress, ask a collection) are in ``assistant.jobs.library``.
"""
