"""Who may mutate: the bearer of NEWSGRAPH_ADMIN_TOKEN, or (with no token set) loopback clients only."""

from __future__ import annotations

import hmac
import ipaddress

from schema.context import Info
from schema.errors import Forbidden


def require_admin(info: Info) -> None:
    request = info.context.request
    token = info.context.settings.admin_token
    if token is not None:
        header = request.headers.get("authorization", "") if request else ""
        scheme, _, given = header.partition(" ")
        given = given.strip()
        if (
            scheme.lower() != "bearer"
            or not given
            or not hmac.compare_digest(given, token.get_secret_value())
        ):
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
