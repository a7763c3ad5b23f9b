"""The observer `mkdocs serve` watches with: told of a save at once, not of a read."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.inotify import InotifyObserver

from scripts.build.serve_watch import ChangesObserver


class _Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []
        self.arrived = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.events.append(event)
            self.arrived.set()


def test_the_kernel_tells_of_changes_not_a_poll() -> None:
    assert issubclass(ChangesObserver, InotifyObserver)  # this machine's, and CI's: Linux


def test_a_read_is_not_a_change_and_a_save_is(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# 标题\n", encoding="utf-8")
    seen = _Seen()
    observer = ChangesObserver()
    observer.schedule(seen, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.3)
        for _ in range(3):  # what a build does to every page
            page.read_text(encoding="utf-8")
        assert not seen.arrived.wait(1.0), seen.events
        page.write_text("# 标题\n\n新的一句。\n", encoding="utf-8")
        assert seen.arrived.wait(5.0)
    finally:
        observer.stop()
        observer.join()
