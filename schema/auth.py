"""Who may mutate: the bearer of NEWSGRAPH_ADMIN_TOKEN, or (with no token set) loopback clients only."""

from __future__ import annotations

import hmac
import ipaddress

from schema.context import Info
from schema.errors import Forbidden


def bears_token(info: Info) -> bool:
    """The request carries the admin token (never true while none is set)."""
    request = info.context.request
    token = info.context.settings.admin_token
    if token is None or request is None:
        return False
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    given = given.strip()
    # as bytes: starlette decodes headers as latin-1, and compare_digest refuses non-ASCII str
    return (
        scheme.lower() == "bearer"
        and bool(given)
        and hmac.compare_digest(given.encode("latin-1"), token.get_secret_value().encode())
    )


def require_admin(info: Info) -> None:
    request = info.context.request
    if info.context.settings.admin_token is not None:
        if not bears_token(info):
            raise Forbidden("this mutation needs `Authorization: Bearer <NEWSGRAPH_ADMIN_TOKEN>`")
        return
    host = request.client.host if request and request.client else None
    if not _loopback(host):
        raise Forbidden(
            "mutations are accepted only from loopback clients while NEWSGRAPH_ADMIN_TOKEN is unset; "
            "set it on the server and send it as a bearer token"
        )


def _loopback(host: str | None) -> bool:
    if host is None:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
