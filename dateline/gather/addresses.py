"""Which addresses we may connect to: resolve a host once, check every address, pin one.

A host name is resolved here and nowhere else; the connection then goes to the address we
checked (see `pinning.py`), so a DNS answer that changes between the check and the connect
(DNS rebinding) cannot steer us into a private network.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

# Cloud instance-metadata endpoints hand out credentials: refused even when private
# addresses are allowed for tests or an intranet.
CLOUD_METADATA = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack...
        ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
        ipaddress.ip_address("fd00:ec2::254"),  # AWS IPv6
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    }
)


class AddressRefused(Exception):
    """The host resolves to an address we must not connect to (or does not resolve)."""


class ResolveFailed(AddressRefused):
    """The host name did not resolve; `temporary` when the resolver said "try again"."""

    def __init__(self, message: str, temporary: bool = False) -> None:
        super().__init__(message)
        self.temporary = temporary


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses the system resolver gives for `host`, in its order of preference."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        temporary = isinstance(exc, socket.gaierror) and exc.errno == socket.EAI_AGAIN
        raise ResolveFailed(f"cannot resolve {host}: {reason}", temporary) from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _unmapped(address: IPAddress) -> IPAddress:
    # ::ffff:127.0.0.1 is 127.0.0.1 to the kernel; judge it as such.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def refusal(
    address: IPAddress, allow_private: bool, allowed_networks: Iterable[str] = ()
) -> str | None:
    """Why `address` may not be contacted, or None when it may."""
    address = _unmapped(address)
    if address in CLOUD_METADATA:
        return f"cloud metadata address {address}"
    if address.is_global and not address.is_multicast:
        return None
    if any(address in ipaddress.ip_network(net, strict=False) for net in allowed_networks):
        return None
    if allow_private and not address.is_multicast and not address.is_unspecified:
        return None
    return f"non-public address {address}"


def resolve_checked(
    host: str,
    port: int,
    allow_private: bool,
    allowed_networks: Iterable[str] = (),
    resolver: Resolver | None = None,
) -> str:
    """Resolve `host` once, refuse it if ANY address is off limits, return the one to pin."""
    allowed_networks = tuple(allowed_networks)
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    addresses = [str(literal)] if literal else (resolver or system_resolver)(host, port)
    if not addresses:
        raise ResolveFailed(f"cannot resolve {host}: no addresses")
    for text in addresses:
        reason = refusal(ipaddress.ip_address(text), allow_private, allowed_networks)
        if reason:
            raise AddressRefused(f"refused {host}: resolves to {reason}")
    return addresses[0]
