"""WXBizMsgCrypt: the callback message crypto of WeCom, official accounts and mini-programs.

AES-256-CBC with IV = key[:16], PKCS#7 padding to 32-byte blocks, and a SHA1 msg_signature over
the sorted (token, timestamp, nonce, encrypt). Plain text = random16 + len(msg) (4 bytes, big
endian) + msg + receive_id.
"""

import base64
import binascii
import hashlib
import hmac
import secrets
import string
import struct

from Crypto.Cipher import AES

BLOCK = 32


class CryptoError(ValueError):
    """A bad signature or a payload that does not decrypt to a well-formed message."""


def signature(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def _key(encoding_aes_key: str) -> bytes:
    try:
        key = base64.b64decode(encoding_aes_key + "=", validate=True)
    except binascii.Error as error:
        raise CryptoError("EncodingAESKey is not base64") from error
    if len(key) != 32:
        raise CryptoError("EncodingAESKey must decode to 32 bytes")
    return key


class MsgCrypt:
    def __init__(self, token: str, encoding_aes_key: str, receive_id: str):
        self.token = token
        self.key = _key(encoding_aes_key)
        self.receive_id = receive_id

    def check_signature(self, msg_signature: str, timestamp: str, nonce: str, encrypt: str) -> None:
        expected = signature(self.token, timestamp, nonce, encrypt)
        if not hmac.compare_digest(expected, (msg_signature or "").lower()):
            raise CryptoError("msg_signature does not match")

    def decrypt(self, encrypt: str) -> bytes:
        try:
            data = base64.b64decode(encrypt, validate=True)
        except binascii.Error as error:
            raise CryptoError("payload is not base64") from error
        if not data or len(data) % 16:
            raise CryptoError("payload is not whole AES blocks")
        plain = AES.new(self.key, AES.MODE_CBC, self.key[:16]).decrypt(data)
        pad = plain[-1]
        if not 1 <= pad <= BLOCK or plain[-pad:] != bytes([pad]) * pad:
            raise CryptoError("bad padding")
        content = plain[16:-pad]
        if len(content) < 4:
            raise CryptoError("payload too short")
        (length,) = struct.unpack(">I", content[:4])
        message, receive_id = content[4:4 + length], content[4 + length:]
        if len(message) != length:
            raise CryptoError("message length does not match")
        if receive_id.decode(errors="replace") != self.receive_id:
            raise CryptoError("receive id does not match")
        return message

    def verify(self, msg_signature: str, timestamp: str, nonce: str, encrypt: str) -> bytes:
        """Check the signature, then decrypt: the message bytes, or CryptoError."""
        self.check_signature(msg_signature, timestamp, nonce, encrypt)
        return self.decrypt(encrypt)

    def encrypt(self, message: bytes, random16: bytes | None = None) -> str:
        random16 = random16 or "".join(secrets.choice(string.ascii_letters + string.digits)
                                       for _ in range(16)).encode()
        plain = random16 + struct.pack(">I", len(message)) + message + self.receive_id.encode()
        pad = BLOCK - len(plain) % BLOCK
        plain += bytes([pad]) * pad
        return base64.b64encode(AES.new(self.key, AES.MODE_CBC, self.key[:16]).encrypt(plain)).decode()
