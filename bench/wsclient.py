"""A lean WebSocket client for the benches: an asyncio Protocol that does the handshake, reads text
frames, answers pings and sends masked text frames. Thousands of them cost the client process little,
so what the benches measure is the server.
"""

import asyncio
import base64
import os
import struct


class Socket(asyncio.Protocol):
    """on_text(socket, payload: bytes) gets every text frame; `opened` resolves at the 101 answer,
    `lost` when the connection is gone; `welcome` is for on_text to resolve with the server's first frame
    (it may come in the same read as the 101)."""

    def __init__(self, host: str, target: str, on_text):
        loop = asyncio.get_running_loop()
        key = base64.b64encode(os.urandom(16)).decode()
        self.request = (f"GET {target} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode()
        self.on_text = on_text
        self.opened = loop.create_future()
        self.lost = loop.create_future()
        self.welcome = loop.create_future()
        self.buffer = bytearray()
        self.upgraded = False
        self.transport = None
        self.texts = 0

    def connection_made(self, transport) -> None:
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.upgraded:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end])
            del self.buffer[:end + 4]
            if not head.startswith(b"HTTP/1.1 101"):
                self.opened.set_exception(ConnectionError(head.split(b"\r\n")[0].decode()))
                self.transport.close()
                return
            self.upgraded = True
            self.opened.set_result(self)
        self._frames()

    def _frames(self) -> None:
        buffer, position, size = self.buffer, 0, len(self.buffer)
        while size - position >= 2:
            opcode, length = buffer[position] & 0x0F, buffer[position + 1] & 0x7F
            head = 2
            if length == 126:
                if size - position < 4:
                    break
                length, head = int.from_bytes(buffer[position + 2:position + 4]), 4
            elif length == 127:
                if size - position < 10:
                    break
                length, head = int.from_bytes(buffer[position + 2:position + 10]), 10
            if size - position < head + length:
                break
            payload = bytes(buffer[position + head:position + head + length])
            position += head + length
            if opcode == 0x1:
                self.texts += 1
                self.on_text(self, payload)
            elif opcode == 0x9:
                self._send(0xA, payload)
            elif opcode == 0x8:
                self.transport.close()
        del buffer[:position]

    def send_text(self, text: bytes) -> None:
        self._send(0x1, text)

    def _send(self, opcode: int, payload: bytes) -> None:
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 1 << 16:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        # Client frames must be masked; a zero mask leaves the payload as it is.
        self.transport.write(head + b"\0\0\0\0" + payload)

    def close(self) -> None:
        """Gone at once, as when a network drops (the server sees the connection end)."""
        if self.transport is not None:
            self.transport.abort()

    def connection_lost(self, exc) -> None:
        if not self.opened.done():
            self.opened.set_exception(exc or ConnectionError("closed before the handshake"))
        if not self.lost.done():
            self.lost.set_result(None)


async def connect(port: int, target: str, on_text, host: str = "127.0.0.1") -> Socket:
    _transport, socket = await asyncio.get_running_loop().create_connection(
        lambda: Socket(host, target, on_text), host, port)
    await socket.opened
    return socket


def server_frame(payload: bytes) -> bytes:
    """An unmasked text frame, as a server sends it (the benches' bare-loop baseline)."""
    n = len(payload)
    if n < 126:
        return struct.pack("!BB", 0x81, n) + payload
    if n < 1 << 16:
        return struct.pack("!BBH", 0x81, 126, n) + payload
    return struct.pack("!BBQ", 0x81, 127, n) + payload
