"""Who is calling: the client's address, believing proxy headers only from TRUSTED_PROXIES."""

import ipaddress


def parse_networks(text: str) -> tuple:
    """'10.0.0.0/8, 127.0.0.1' -> networks; SystemExit naming the bad entry."""
    networks = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise SystemExit(f"setting TRUSTED_PROXIES: {part!r} is not an address or network") from None
    return tuple(networks)


def _address(text: str | None):
    try:
        return ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(peer: str, headers, networks: tuple) -> str:
    """The peer itself unless it is a trusted proxy; then the nearest untrusted hop of
    X-Forwarded-For (read from the right, as proxies append), or X-Real-IP."""
    if not _trusted(_address(peer), networks):
        return peer
    for hop in reversed((headers.get("X-Forwarded-For") or "").split(",")):
        address = _address(hop)
        if address is not None and not _trusted(address, networks):
            return str(address)
    real = _address(headers.get("X-Real-IP"))
    return str(real) if real is not None else peer
