"""Database round trips, counted with pymongo's command monitoring (a count is deterministic, so
budgets on it belong in tests; timings do not)."""

import contextlib

from pymongo import monitoring

# The driver's own housekeeping, not work a request asked for.
HOUSEKEEPING = {"hello", "ismaster", "isMaster", "ping", "endSessions", "buildInfo",
                "saslStart", "saslContinue"}


class CommandLog(monitoring.CommandListener):
    def __init__(self):
        self.commands: list[dict] = []

    def started(self, event):
        if event.command_name not in HOUSEKEEPING:
            self.commands.append({"name": event.command_name, "collection": event.command.get(event.command_name),
                                  "command": dict(event.command)})

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass

    @contextlib.contextmanager
    def recording(self):
        """with log.recording() as seen: ...; seen holds the commands issued inside."""
        start = len(self.commands)
        seen: list[dict] = []
        try:
            yield seen
        finally:
            seen.extend(self.commands[start:])

    def names(self, seen: list[dict]) -> list[str]:
        return [f"{c['name']} {c['collection']}" for c in seen]
