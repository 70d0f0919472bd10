"""Fetching articles and feeds over HTTP(S), safely: timeout, size cap, no private addresses."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx

from khabar.errors import KhabarError

MAX_REDIRECTS = 5
USER_AGENT = "khabar/0.1 (+https://github.com/khabar; news event coder)"


def _check_host(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise KhabarError("E043", url=url)
    host = parts.hostname
    if not host:
        raise KhabarError("E041", url=url, detail="no host name")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise KhabarError("E041", url=url, detail=f"cannot resolve {host}: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if (address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
                or address.is_multicast or address.is_unspecified):
            raise KhabarError("E040", url=url, address=str(address))


def fetch(url: str, *, timeout_s: float = 20, max_bytes: int = 5_000_000,
          allow_private: bool = False) -> tuple[bytes, str, str]:
    """Download ``url``; returns (body, content type, final URL).

    Every redirect hop is checked against the address policy, and the body is
    read in chunks so that a huge response stops at ``max_bytes``.
    """
    current = url
    with httpx.Client(timeout=timeout_s, follow_redirects=False,
                      headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            _check_host(current, allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = urljoin(current, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise KhabarError("E044", url=url, status=response.status_code)
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > max_bytes:
                            raise KhabarError("E042", url=url, limit=max_bytes)
                    return bytes(body), response.headers.get("content-type", ""), current
            except httpx.HTTPError as exc:
                raise KhabarError("E041", url=url, detail=type(exc).__name__ + (f": {exc}" if str(exc) else "")) from None
    raise KhabarError("E041", url=url, detail=f"more than {MAX_REDIRECTS} redirects")
