"""Database round trips, counted with pymongo's command monitoring (a count is deterministic, so
budgets on it belong in tests; timings do not)."""

import contextlib

from pymongo import monitoring

from common.metrics import DRIVER_HOUSEKEEPING as HOUSEKEEPING
from models.db import BACKGROUND


class CommandLog(monitoring.CommandListener):
    def __init__(self):
        self.commands: list[dict] = []

    def started(self, event):
        if event.command_name not in HOUSEKEEPING:
            self.commands.append({"name": event.command_name, "collection": event.command.get(event.command_name),
                                  "command": dict(event.command),
                                  "background": event.command.get("comment") == BACKGROUND})

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass

    @contextlib.contextmanager
    def recording(self, background: bool = False):
        """with log.recording() as seen: ...; seen holds the commands issued inside. Commands of the
        server's timers (stats pushes, reminders) may fire during any call: they count only if asked."""
        start = len(self.commands)
        seen: list[dict] = []
        try:
            yield seen
        finally:
            seen.extend(c for c in self.commands[start:] if background or not c["background"])

    def names(self, seen: list[dict]) -> list[str]:
        return [f"{c['name']} {c['collection']}" for c in seen]

    def assert_no_empty_in(self) -> None:
        sent = [c["command"] for c in self.commands if empty_in(c["command"])]
        assert sent == [], f"an empty $in was sent: {sent[0]}"


def empty_in(value) -> bool:
    """Whether a command holds {"$in": []} anywhere: the embedded database turns it into invalid SQL
    (on an indexed field), and it can match nothing anyway, so the code never sends one."""
    if isinstance(value, dict):
        return any((key == "$in" and item == []) or empty_in(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(empty_in(item) for item in value)
    return False
