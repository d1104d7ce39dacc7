"""Which addresses a fetch may reach, checked after DNS resolution on every hop.

Feeds and pages are written by strangers. A feed entry that links to
``http://169.254.169.254/latest/meta-data/`` or to an admin page on the briefing's own machine
would, without this check, have the briefing fetch it and publish what it says ("server-side
request forgery"). So a URL found in content (a feed's links, any redirect) may only reach public
addresses: its host is resolved, and a loopback, private, link-local, multicast, reserved or
otherwise non-public address is refused with one line naming the URL. The connection is then
made to the address that was checked, never to a second lookup's answer, so a name that
resolves to a public address for the check and a private one for the connection (DNS
rebinding) gets nowhere.

Addresses the user wrote in the config are their own choice (an intranet feed, a test server on
127.0.0.1) and stay allowed: a fetch is given the config's URLs as ``trust``, and their origins
(host and port) may be reached; a redirect elsewhere is checked like any other link.
``http: {allow_private: true}`` lifts the check for a source whose links point inward on purpose.

Only ``http`` and ``https`` are fetched at all.

Behind a proxy (``HTTPS_PROXY`` and the like) the proxy connects, and it may be the only one that
can resolve outside names; a name this machine cannot resolve is then left to the proxy, while an
address written as such is still checked here.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
Origin = tuple[str, int]
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(Exception):
    """A URL this fetch may not reach; the message says why, without the URL."""


def origin(url: str) -> Origin | None:
    """(host, port) of an http(s) URL, the host in lower case; None for anything else."""
    try:
        parts = urlsplit(url)
        scheme, host, port = parts.scheme.lower(), parts.hostname, parts.port
    except ValueError:
        return None
    if scheme not in SCHEMES or not host:
        return None
    return host.lower().rstrip("."), port or DEFAULT_PORTS[scheme]


def kind_of(address: IpAddress) -> str | None:
    """What makes an address non-public (``loopback``, ``private``, ...), or None if it is public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if address.is_global else "not public"


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an address literal resolves to itself)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(f"not fetched: cannot resolve {host} "
                      f"({getattr(error, 'strerror', None) or error})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in found))


@dataclass
class Policy:
    """What one fetch may reach: the config's own origins, or everything (``allow_private``)."""

    trusted: frozenset[Origin] = frozenset()
    allow_private: bool = False
    vetted: dict[Origin, list[str]] = field(default_factory=dict)  # checked addresses per origin

    @classmethod
    def of(cls, trust: Iterable[str], allow_private: bool) -> Policy:
        return cls(frozenset(o for o in map(origin, trust) if o is not None), allow_private)

    def check(self, url: str) -> None:
        """Refuse ``url`` unless it is http(s) and its host resolves only to allowed addresses."""
        found = origin(url)
        if found is None:
            raise Refused("not an http(s) URL; only http and https are fetched")
        self.addresses(*found)

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses a connection to ``host:port`` may use, resolved once and checked."""
        key = (host, port)
        if key not in self.vetted:
            try:
                addresses = resolve(host.strip("[]"), port)
            except Refused:
                if not _proxied(host):
                    raise
                addresses = []
            if not self.allow_private and key not in self.trusted:
                for address in addresses:
                    kind = kind_of(ipaddress.ip_address(address.split("%")[0]))
                    if kind is None:
                        continue
                    said = (f"{address} is" if host.strip("[]") == address
                            else f"{host} resolves to {address},")
                    raise Refused(f"not fetched: {said} a private address ({kind}); set "
                                  "http.allow_private: true to allow")
            self.vetted[key] = addresses
        return self.vetted[key]


def _proxied(host: str) -> bool:
    """Whether the environment sends requests for ``host`` through a proxy (as httpx does)."""
    import urllib.request

    proxies = urllib.request.getproxies_environment()
    bypass = urllib.request.proxy_bypass_environment(host)  # type: ignore[attr-defined]
    return bool({"http", "https", "all"} & set(proxies)) and not bypass


# The policy of the fetch in progress on this thread (httpx's sync client connects on the
# calling thread); the network backend reads it to connect only where the check allowed.
current: contextvars.ContextVar[Policy | None] = contextvars.ContextVar("fetch_policy", default=None)


def guarded_transport() -> Any:
    """An httpx transport whose new connections go only to addresses `current` vetted.

    httpx takes no network backend, so the transport's connection pool is replaced by one that
    uses `GuardedBackend`, built with the settings httpx itself uses by default."""
    import httpcore
    import httpx

    class GuardedBackend(httpcore.SyncBackend):
        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None,
                        socket_options: Any = None) -> httpcore.NetworkStream:
            policy = current.get() or Policy()
            last: Exception | None = None
            for address in policy.addresses(host.lower().rstrip("."), port):
                try:
                    return super().connect_tcp(address, port, timeout, local_address, socket_options)
                except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                    last = error
            raise last or httpcore.ConnectError(f"no address for {host}")

    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), max_connections=100, max_keepalive_connections=20,
        keepalive_expiry=5.0, network_backend=GuardedBackend())
    return transport
