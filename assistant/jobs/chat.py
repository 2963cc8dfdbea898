"""Chat, as the Chat panel and ``assistant chat`` both run it: one conversation, stored as it happens.

A ``ChatSession`` is one conversation's flows on the database: the user's message is committed
when sent, the reply row exists before the first token, ``reply_stream`` saves the reply while it
streams (``storage.reply_writer``), and the first exchange gets a title from the model. What the
model is sent is the branch on screen with the conversation's system prompt in front
(``core.conversation.prompt_messages``), under the conversation's own generation settings. A
conversation that draws on Library collections has each reply given the passages that match the
user's message first (``reply_stream``), and those passages are kept with the reply.

Everything here is plain Python and quick (single SQLite statements); the model runs only inside
the work functions (``reply_stream``, ``title_work``), which the panel hands to ``EngineHost.run``
and the CLI iterates in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.core.cancel import CancelToken
from assistant.core.conversation import (
    HEADER_KEYS,
    NEW_CHAT_TITLE,
    clean_title,
    first_exchange,
    library_of,
    params_with_overrides,
    prompt_messages,
    title_request,
    with_library,
    with_style,
    with_thinking,
)
from assistant.core.inference import Chunk, GenerationParams, Message
from assistant.core.presets import Preset
from assistant.errors import translatable
from assistant.library import answer as library_answer
from assistant.library.search import Hit
from assistant.library.store import LibraryError, LibraryStore
from assistant.settings import LibrarySettings
from assistant.storage.db import Conversation, Database, StoredMessage
from assistant.storage.reply_writer import persist_stream

SOURCES_KEY = "sources"
"""A reply's ``meta`` key for the Library passages it was given (``library.answer.source_record``)."""


@dataclass(frozen=True)
class Reply:
    """A reply about to be written: its (empty, "streaming") row and what the model is sent."""

    conversation_id: int
    reply_id: int
    messages: list[Message]
    params: GenerationParams
    collections: tuple[str, ...] = ()
    """The Library collections the reply draws on (the conversation's choice)."""
    continuing: str = ""
    """The text the reply already has, when it is continued after reaching the length limit: the
    model writes on from it (the last of ``messages``) and the new text is stored after it."""
    thought: str = ""
    """The thinking the continued reply already has (kept)."""
    meta: dict | None = None
    """The continued reply's meta (its passages...), kept."""


@dataclass(frozen=True)
class Sources:
    """The passages found for a reply that draws on the Library, before it streams (none: the reply
    is ``library.answer.NOT_FOUND``, said by the app)."""

    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class PresetEdit:
    """What the settings dialog asked to do with the user's own presets: "save" the prompt as a new
    preset named ``name``, "update" the current one, or "delete" it."""

    action: str
    name: str = ""


class ChatSession:
    """The conversation ``conversation_id`` (None: a new chat, created when its first message is sent)."""

    def __init__(
        self,
        db: Database,
        params: GenerationParams,
        conversation_id: int | None = None,
        *,
        library: LibraryStore | None = None,
        library_settings: LibrarySettings | None = None,
        models_dir: Path | None = None,
    ) -> None:
        self.db = db
        self.base_params = params
        self.conversation_id = conversation_id
        self.library = library
        self.library_settings = library_settings or LibrarySettings()
        """The relevance threshold and how many passages an answer is given."""
        self.models_dir = models_dir
        """Where the app keeps track of model files (the collections' embedding models)."""
        # Overrides chosen in the header ("My style", Think) for a chat not saved yet.
        self._pending: dict[str, object] = {}

    # -- reading --------------------------------------------------------------------------------

    def open(self, conversation_id: int | None) -> None:
        self.conversation_id = conversation_id
        self._pending = {}

    def to_reopen(self) -> int | None:
        """The conversation to show at start: the new chat when its box holds a draft (the user was
        writing one when the app closed), otherwise the conversation last written in, if any."""
        if self.db.get_draft(None):
            return None
        latest = max(self.db.list_conversations(), key=lambda c: (c.updated, c.id), default=None)
        return None if latest is None else latest.id

    def conversation(self) -> Conversation | None:
        return None if self.conversation_id is None else self.db.get_conversation(self.conversation_id)

    def branch(self) -> list[StoredMessage]:
        """The messages on screen: root → current leaf."""
        return [] if self.conversation_id is None else self.db.path(self.conversation_id)

    def params(self) -> GenerationParams:
        """The user's settings with this conversation's own overrides on top."""
        conversation = self.conversation()
        overrides = conversation.params if conversation else self._pending
        return params_with_overrides(self.base_params, overrides)

    def prompt(self) -> list[Message]:
        """What the model would be sent now (to measure the context window)."""
        conversation = self.conversation()
        return [] if conversation is None else prompt_messages(conversation.system_prompt, self.branch())

    # -- creating and sending -------------------------------------------------------------------

    def ensure(self, system_prompt: str = "", preset: str | None = None) -> tuple[int, bool]:
        """The conversation's id, creating it (with this system prompt, from the preset keyed ``preset``)
        if it is a new chat; and whether it was created just now."""
        if self.conversation_id is not None:
            return self.conversation_id, False
        self.conversation_id = self.db.create_conversation(
            NEW_CHAT_TITLE, system_prompt=system_prompt, preset=preset, params=dict(self._pending) or None
        )
        self.db.save_draft(None, "")  # the new-chat box's text is now this conversation's message
        return self.conversation_id, True

    def send(self, text: str, *, replacing: int | None = None) -> Reply:
        """Store the user's message and start the reply to it. With ``replacing`` (a sent message's id)
        the text becomes that message's alternative: a new branch, the original stays reachable."""
        if self.conversation_id is None:
            raise ValueError("ensure() the conversation first")
        if replacing is not None:
            parent = self.db.get_message(replacing).parent_id
        else:
            parent = self.db.get_conversation(self.conversation_id).current_leaf_id
        message_id = self.db.add_message(self.conversation_id, "user", text, parent_id=parent)
        return self.reply_to(message_id)

    def reply_to(self, parent_id: int) -> Reply:
        """Start a reply under ``parent_id`` (a new alternative if it already has one)."""
        assert self.conversation_id is not None
        conversation = self.db.get_conversation(self.conversation_id)
        reply_id = self.db.start_reply(self.conversation_id, parent_id)
        said = [m for m in self.db.path(self.conversation_id) if m.id != reply_id]
        return Reply(
            self.conversation_id,
            reply_id,
            prompt_messages(conversation.system_prompt, said),
            params_with_overrides(self.base_params, conversation.params),
            library_of(conversation.params) if self.library is not None and self.models_dir is not None else (),
        )

    def continue_reply(self, message_id: int) -> Reply | None:
        """The reply ``message_id`` written on from where it stopped (it reached the length limit, or
        was stopped), in the same message; None when it is not a reply with text on the branch shown."""
        branch = self.branch()
        at = next((i for i, m in enumerate(branch) if m.id == message_id), None)
        if at is None or self.conversation_id is None:
            return None
        message = branch[at]
        if message.role != "assistant" or not message.content.strip() or message.status == "streaming":
            return None
        conversation = self.db.get_conversation(self.conversation_id)
        self.db.resume_reply(message_id)
        params = params_with_overrides(self.base_params, conversation.params)
        return Reply(
            self.conversation_id,
            message_id,
            prompt_messages(conversation.system_prompt, branch[: at + 1]),
            replace(params, thinking="off"),  # the answer has begun: no thinking goes before it now
            continuing=message.content,
            thought=message.reasoning,
            meta=dict(message.meta),
        )

    def regenerate(self, message_id: int) -> Reply | None:
        """Another answer to the message that ``message_id`` (a reply) answers; the earlier ones stay."""
        parent = self.db.get_message(message_id).parent_id
        return None if parent is None or self.conversation_id is None else self.reply_to(parent)

    def regenerate_last(self) -> Reply | None:
        """Another answer to the last reply on screen, or a first one to a user message left unanswered."""
        branch = self.branch()
        last_reply = next((m for m in reversed(branch) if m.role == "assistant"), None)
        if last_reply is not None:
            return self.regenerate(last_reply.id)
        if branch and branch[-1].role == "user":
            return self.reply_to(branch[-1].id)
        return None

    def reply_stream(self, reply: Reply, engine) -> Callable[[CancelToken], Iterator[Chunk | Sources]]:
        """The work that streams ``reply`` from ``engine`` and saves it as it comes (at least once a
        second, and how it ended: complete, interrupted or error).

        A reply that draws on the Library first finds the passages for the user's message (yielded
        as ``Sources`` and kept with the reply), then answers from them, citing them; when none is
        close enough the app itself says it could not find it, rather than let the model guess."""
        db = self.db
        if reply.continuing:
            return self._continued(reply, engine)
        if not reply.collections:

            def work(cancel: CancelToken) -> Iterator[Chunk | Sources]:
                return persist_stream(db, reply.reply_id, engine.chat(reply.messages, reply.params, cancel))

            return work
        library, wanted, models_dir = self.library, self.library_settings, self.models_dir
        assert library is not None and models_dir is not None

        def grounded(cancel: CancelToken) -> Iterator[Chunk | Sources]:
            try:
                collections = []
                for name in reply.collections:
                    try:
                        collections.append(library.get(name))
                    except LibraryError as err:  # get() raises it for a collection that is gone
                        raise LibraryError(
                            translatable(
                                "There is no collection called “{name}”. Choose the documents this chat draws on again."
                            ),
                            name=name,
                        ) from err
                hits, said = library_answer.retrieve(
                    library, collections, reply.messages[-1].content, engine, models_dir,
                    limit=wanted.passages, min_similarity=wanted.min_similarity, reranker=wanted.reranker,
                )  # fmt: skip
            except BaseException:
                db.finish_reply(reply.reply_id, "", status="error")
                raise
            yield Sources(tuple(hits))
            passages = [library_answer.source_record(hit) for hit in hits]
            meta = {SOURCES_KEY: passages}
            if said is None:
                chunks = engine.chat(library_answer.grounded(reply.messages, passages), reply.params, cancel)
            else:
                chunks = iter([Chunk(text=said, finish_reason="stop")])
            yield from persist_stream(db, reply.reply_id, chunks, meta=meta)

        return grounded

    def _continued(self, reply: Reply, engine) -> Callable[[CancelToken], Iterator[Chunk | Sources]]:
        """A reply written on: the prompt it was answered from (with the passages it was given, for
        one that drew on the Library), its text so far last, for the model to continue."""
        db, meta = self.db, dict(reply.meta or {})
        asked, begun = reply.messages[:-1], reply.messages[-1]
        passages = meta.get(SOURCES_KEY)
        prompt = library_answer.grounded(asked, passages) if passages else asked

        def work(cancel: CancelToken) -> Iterator[Chunk | Sources]:
            chunks = engine.chat([*prompt, begun], reply.params, cancel)
            return persist_stream(db, reply.reply_id, chunks, meta=meta, before=reply.continuing, thought=reply.thought)

        return work

    # -- titles ---------------------------------------------------------------------------------

    def title_work(self, engine) -> Callable[[CancelToken], Iterator[str]] | None:
        """The work that asks the model for a title, once the conversation holds exactly its first
        exchange and is still called "New chat"; None otherwise. Hand its result to ``set_title``."""
        conversation = self.conversation()
        if conversation is None or conversation.title != NEW_CHAT_TITLE:
            return None
        exchange = first_exchange(self.branch())
        if exchange is None:
            return None
        messages, params = title_request(*exchange)

        def work(cancel: CancelToken) -> Iterator[str]:
            text = "".join(c.text for c in engine.chat(messages, params, cancel))
            yield clean_title(text, exchange[0])

        return work

    def set_title(self, conversation_id: int, title: str) -> bool:
        """Name the conversation, unless the user named it while the title was being written."""
        if self.db.get_conversation(conversation_id).title != NEW_CHAT_TITLE:
            return False
        self.db.rename_conversation(conversation_id, title)
        return True

    # -- branches -------------------------------------------------------------------------------

    def flip(self, message_id: int, step: int) -> bool:
        """Show the alternative ``step`` places from ``message_id`` (wrapping round); False if there is none."""
        siblings = self.db.siblings(message_id)
        if message_id not in siblings or len(siblings) < 2:
            return False
        self.db.select_branch(siblings[(siblings.index(message_id) + step) % len(siblings)])
        return True

    def delete(self, message_id: int) -> Callable[[], None]:
        """Move a message and its replies to the trash; returns what undoes it."""
        self.db.delete_message(message_id)
        return lambda: self.db.restore_message(message_id)

    def message_text(self, message_id: int) -> str:
        return self.db.get_message(message_id).content

    def status_of(self, message_id: int) -> str:
        return self.db.get_message(message_id).status

    def thought_only(self, message_id: int) -> bool:
        """Whether a reply is all thinking and no answer (a reasoning model that ran out of room)."""
        message = self.db.get_message(message_id)
        return not message.content.strip() and bool(message.reasoning.strip())

    # -- drafts ---------------------------------------------------------------------------------

    def draft(self) -> str:
        return self.db.get_draft(self.conversation_id)

    def save_draft(self, text: str) -> None:
        self.db.save_draft(self.conversation_id, text)

    # -- settings -------------------------------------------------------------------------------

    def set_style(self, adapter: str, scale: float) -> None:
        """ "My style" is remembered per conversation (a chat not saved yet gets it when it is)."""
        self._set_overrides(lambda overrides: with_style(overrides, adapter, scale))

    def set_library(self, names: list[str]) -> None:
        """The collections this conversation draws on (remembered per conversation, like Think)."""
        self._set_overrides(lambda overrides: with_library(overrides, names))

    def collections(self) -> tuple[str, ...]:
        conversation = self.conversation()
        return library_of(conversation.params if conversation else self._pending)

    def set_thinking(self, mode: str) -> None:
        """Think: "auto", "on" or "off", remembered per conversation like "My style"."""
        self._set_overrides(lambda overrides: with_thinking(overrides, mode))

    def _set_overrides(self, change: Callable[[dict[str, object]], dict[str, object]]) -> None:
        if self.conversation_id is None:
            self._pending = change(self._pending)
            return
        conversation = self.db.get_conversation(self.conversation_id)
        self.db.update_conversation(self.conversation_id, params=change(conversation.params))

    def set_preset(self, preset: Preset) -> None:
        if self.conversation_id is not None:
            self.db.update_conversation(self.conversation_id, system_prompt=preset.system_prompt, preset=preset.key)

    def apply_settings(self, system_prompt: str, overrides: dict[str, object]) -> None:
        """The settings dialog's system prompt and generation overrides ("My style" and Think are the
        header's, not the dialog's, so they are kept)."""
        assert self.conversation_id is not None
        conversation = self.db.get_conversation(self.conversation_id)
        header = {k: v for k, v in conversation.params.items() if k in HEADER_KEYS}
        self.db.update_conversation(self.conversation_id, system_prompt=system_prompt, params={**overrides, **header})

    def edit_presets(
        self, presets: list[Preset], current: Preset | None, edit: PresetEdit, prompt: str
    ) -> tuple[list[Preset], str | None] | None:
        """Apply ``edit`` to the user's presets: the new list and the key the conversation now uses, or
        None when there was nothing to do (a built-in preset cannot be updated or deleted)."""
        presets = list(presets)
        own = current is not None and not current.builtin
        if edit.action == "save":
            preset_id = self.db.save_preset(edit.name, prompt)
            chosen: str | None = f"user:{preset_id}"
            presets.append(Preset(chosen, edit.name, prompt, False))
        elif own and edit.action == "update":
            assert current is not None
            self.db.save_preset(current.name, prompt, preset_id=_preset_id(current))
            presets[presets.index(current)] = Preset(current.key, current.name, prompt, False)
            chosen = current.key
        elif own and edit.action == "delete":
            assert current is not None
            self.db.delete_preset(_preset_id(current))
            presets.remove(current)
            chosen = None
        else:
            return None
        if self.conversation_id is not None:
            self.db.update_conversation(self.conversation_id, preset=chosen)
        return presets, chosen


def _preset_id(preset: Preset) -> int:
    return int(preset.key.split(":", 1)[1])
