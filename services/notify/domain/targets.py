"""Where webhooks may go: public addresses only, unless an operator allows more. Pure.

A webhook URL is a request notify makes on an outsider's behalf, from inside the
network; pointed at 127.0.0.1, 10.x, 169.254.169.254 (cloud metadata) or an internal
host name, it would turn notify into a proxy into that network (SSRF). So every address
a target resolves to must be global, or inside a network the operator lists (or the
operator allows every private address, for local tests).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from services.notify.domain.errors import Invalid

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class TargetRefused(Invalid):
    """A webhook URL notify will not call; ``transient`` when only the lookup failed."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__("webhook_url", message)
        self.transient = transient


@dataclass(frozen=True)
class TargetPolicy:
    """Global addresses pass; others only inside ``allowed`` or with ``allow_private``."""

    allow_private: bool = False
    allowed: tuple[Network, ...] = ()

    @classmethod
    def of(cls, allow_private: bool, networks: Iterable[str]) -> TargetPolicy:
        """From settings; a malformed network raises ValueError naming it."""
        return cls(allow_private, tuple(ipaddress.ip_network(n, strict=False) for n in networks))

    def refusal(self, address: str) -> str | None:
        """Why ``address`` may not be called, or None when it may."""
        ip = unmapped(ipaddress.ip_address(address.split("%", 1)[0]))
        if self.allow_private or any(ip.version == n.version and ip in n for n in self.allowed):
            return None
        if ip.is_global and not ip.is_multicast:
            return None
        return f"{ip}, {kind_of(ip)}"


def unmapped(ip: Address) -> Address:
    """The IPv4 address inside an IPv4-mapped IPv6 one (``::ffff:127.0.0.1``)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def kind_of(ip: Address) -> str:
    for test, name in (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address (cloud metadata lives there)"),
        (ip.is_unspecified, "the unspecified address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
    ):
        if test:
            return name
    return "not a public address"


def ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True
