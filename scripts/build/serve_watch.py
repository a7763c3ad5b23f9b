"""`mkdocs serve` notices a save when it happens, not at its next poll.

MkDocs watches the docs with watchdog's ``PollingObserver``, every 0.5 s: a save waits 0.25 s on
average before the rebuild starts (an eighth of the 2 s an edit may take to show), and every
poll reads the state of every file of the book. watchdog's platform ``Observer`` (inotify on
Linux) is told of a change by the kernel. MkDocs has no setting for the observer, so this moves
the watches MkDocs has made to such an observer before the server starts it; watches added later
(the config's ``watch:`` list, plugins) go to it too. The kernel also reports files being opened
and read, which the build itself does and which MkDocs would take for edits (a rebuild loop):
only the events a poll can see (created, modified, moved, deleted) are passed on. Where the
kernel offers no such notification, watchdog's ``Observer`` is itself the polling one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from watchdog.events import (
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
]


class ChangesObserver(Observer):  # type: ignore[misc,valid-type]
    """The platform observer, passing on only the changes a poll would see."""

    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str | Path,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
        follow_symlink: bool = False,
    ) -> ObservedWatch:
        return super().schedule(
            event_handler,
            path,
            recursive=recursive,
            event_filter=event_filter or CHANGES,
            follow_symlink=follow_symlink,
        )


def watch_without_polling(server: Any) -> None:
    """Move every watch of MkDocs's ``LiveReloadServer`` to the platform observer (in
    ``on_serve``, before the server starts watching)."""
    watched = dict(server._watched_paths)  # path → how many asked for it; MkDocs has no getter
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = ChangesObserver()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
