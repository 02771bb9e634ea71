"""Pieces every layer shares and that import nothing of ours: errors, JSON, the request context,
client addresses, rate limits, seen signatures and logging."""
