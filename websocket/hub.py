"""The in-memory registry of live sockets and the only way to push to them.

radar-user id -> connections, customer id -> connections, scan auth_code -> connections.
A push encodes its frame once and writes it to every live connection of the addressee at
once; a push to nobody is a no-op (the data is already stored and polled views show it).
One timer, not one per socket, pings connections and closes the idle ones.
"""

import asyncio
import logging
import struct
import time

from tornado.ioloop import PeriodicCallback

from common.jsonio import to_json

log = logging.getLogger("radar.hub")

USER, CUSTOMER, SCAN = "user", "customer", "scan"
SWEEP_SLICE = 200  # connections per loop step: pinging 19,000 sockets in one step held the loop ~0.3 s


def text_frame(payload: bytes) -> bytes:
    """A server's (unmasked) WebSocket text frame around UTF-8 payload."""
    size = len(payload)
    if size < 126:
        return struct.pack("!BB", 0x81, size) + payload
    if size < 1 << 16:
        return struct.pack("!BBH", 0x81, 126, size) + payload
    return struct.pack("!BBQ", 0x81, 127, size) + payload


class Hub:
    def __init__(self, idle_timeout_s: float, ping_interval_s: float):
        self.idle_timeout_s = idle_timeout_s
        self.ping_interval_s = ping_interval_s
        self.rooms: dict[str, dict] = {USER: {}, CUSTOMER: {}, SCAN: {}}
        self.connections: set = set()
        self.on_push = None  # on_push(kind, frames written) after each push that reached a socket (metrics)
        self._timer = None

    # ----- registry ----------------------------------------------------------------------------
    def join(self, kind: str, key, connection) -> None:
        self.rooms[kind].setdefault(key, set()).add(connection)
        self.connections.add(connection)

    def leave(self, kind: str, key, connection) -> None:
        members = self.rooms[kind].get(key)
        if members is not None:
            members.discard(connection)
            if not members:
                del self.rooms[kind][key]

    def forget(self, connection) -> None:
        self.connections.discard(connection)

    def count(self, kind: str, key) -> int:
        return len(self.rooms[kind].get(key, ()))

    def census(self) -> dict[str, int]:
        """Open sockets by kind (signed in or not yet): user (radar), customer, scan (login pages)."""
        counts = dict.fromkeys(self.rooms, 0)
        for connection in self.connections:
            counts[connection.room or SCAN] += 1
        return counts

    # ----- pushes ------------------------------------------------------------------------------
    def push(self, kind: str, key, frame: dict, exclude=None, close_after: bool = False) -> int:
        return self.push_to_many(kind, (key,), frame, exclude, close_after)

    def push_to_many(self, kind: str, keys, frame: dict, exclude=None, close_after: bool = False) -> int:
        """The same frame to every connection of each addressee: encoded and framed once, however many."""
        rooms = self.rooms[kind]
        wire = None
        sent = 0
        for key in keys:
            members = rooms.get(key)
            if not members:
                continue
            if wire is None:
                wire = text_frame(to_json(frame))
            for connection in tuple(members):
                if connection is not exclude:
                    connection.send_wire(wire)
                    sent += 1
                    if close_after:
                        connection.close(1000, "done")
        if sent and self.on_push is not None:
            self.on_push(kind, sent)
        return sent

    def push_to_user(self, user_id: int, frame: dict, exclude=None) -> int:
        return self.push(USER, user_id, frame, exclude)

    def push_to_users(self, user_ids, frame: dict) -> int:
        """One frame to several radar users (a company's Bosses): one encoding for all of them."""
        return self.push_to_many(USER, user_ids, frame)

    def push_to_customer(self, customer_id: int, frame: dict, exclude=None) -> int:
        return self.push(CUSTOMER, customer_id, frame, exclude)

    def push_to_scan(self, auth_code: str, frame: dict) -> int:
        """The scan-login answer is final: the page's socket closes once it has it."""
        return self.push(SCAN, auth_code, frame, close_after=True)

    def hand_over(self, kind: str, key, holder, frame: dict) -> int:
        """holder alone stays in the room: every other member leaves it at once (so no later push
        reaches them), gets frame and closes."""
        members = self.rooms[kind].get(key)
        if not members:
            return 0
        others = [connection for connection in members if connection is not holder]
        wire = text_frame(to_json(frame))
        for connection in others:
            members.discard(connection)
            connection.send_wire(wire)
            connection.close(1000, "taken over")
        if not members:
            del self.rooms[kind][key]
        return len(others)

    def refuse_all(self, kind: str, key, code: int, msg: str) -> int:
        """One error frame to every socket of an account, then close them (it was signed out)."""
        members = tuple(self.rooms[kind].get(key, ()))
        for connection in members:
            connection.refuse(code, msg)
        return len(members)

    # ----- liveness ----------------------------------------------------------------------------
    def start(self) -> None:
        interval = min(self.ping_interval_s, self.idle_timeout_s / 4)
        self._timer = PeriodicCallback(self.sweep, interval * 1000)
        self._timer.start()

    async def sweep(self) -> None:
        """Close connections silent for longer than the idle timeout; ping the others when due. A slice
        at a time, letting live traffic through in between."""
        now = time.monotonic()
        idle = 0
        for n, connection in enumerate(tuple(self.connections), 1):
            silent = now - connection.last_seen
            if silent > self.idle_timeout_s:
                idle += 1
                connection.close(1001, "idle timeout")
            elif now - connection.last_ping >= self.ping_interval_s:
                connection.ping_peer(now)
            if n % SWEEP_SLICE == 0:
                await asyncio.sleep(0)
        if idle:
            log.info("closed %d idle sockets", idle)

    def close_all(self, code: int = 1001, reason: str = "server shutting down") -> None:
        if self._timer:
            self._timer.stop()
        for connection in tuple(self.connections):
            connection.close(code, reason)
