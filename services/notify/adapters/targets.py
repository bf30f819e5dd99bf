"""The check of webhook targets: resolve the host, refuse non-public addresses (SSRF).

Run when an agency registers its URL (a clear 422) and again before every send, so a
host name that later resolves somewhere internal is caught too. The connection itself
resolves once more: a name whose answer flips between our check and the connect (DNS
rebinding with a zero TTL) is not covered; egress rules in the cluster are the backstop.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from services.notify.domain.targets import TargetPolicy, TargetRefused, ip_literal
from services.notify.ports import TargetCheck

Resolve = Callable[[str, int], Awaitable[list[str]]]
"""(host, port) -> the addresses a connection could go to; OSError when it does not resolve."""

ALLOW_HINT = (
    "webhooks go to public addresses only (an operator may allow more with "
    "NOTIFY_WEBHOOK_ALLOWED_NETWORKS, or NOTIFY_WEBHOOK_ALLOW_PRIVATE for local tests)"
)


async def system_resolve(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


class WebhookTargets(TargetCheck):
    """Every address the URL's host resolves to must pass ``policy``."""

    def __init__(self, policy: TargetPolicy, resolve: Resolve = system_resolve) -> None:
        self.policy = policy
        self.resolve = resolve

    async def check(self, url: str) -> None:
        parts = urlsplit(url)
        host = parts.hostname
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise TargetRefused(f"{url} has no valid port") from None
        if not host:
            raise TargetRefused(f"{url} names no host")
        if ip_literal(host):
            addresses = [host]
        else:
            try:
                addresses = await self.resolve(host, port)
            except OSError as error:
                raise TargetRefused(f"cannot resolve {host}: {error}", transient=True) from None
            if not addresses:
                raise TargetRefused(f"{host} resolves to no address", transient=True)
        refusals = [reason for address in addresses if (reason := self.policy.refusal(address))]
        if refusals:
            where = "is refused: it points at" if ip_literal(host) else f"is refused: {host} resolves to"
            raise TargetRefused(f"{url} {where} {refusals[0]}; {ALLOW_HINT}")
