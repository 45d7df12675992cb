"""Console sessions and who may do what: a signed cookie names the member and the session version it was
issued under; `require` checks it against the database on every request (docs/adr/0008-staff-console-sessions.md)."""

from __future__ import annotations

import asyncio
import functools
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.console.context import error, services
from bot.staff import StaffMember, StaffRole

SESSION_KEY = "staff"
FORM_EXPIRED = "The form expired. Please reload and try again."

Endpoint = Callable[[Request, StaffMember], Awaitable[Response]]


@dataclass(frozen=True)
class Access:
    """Which roles may use a route, and what everyone else is told."""

    roles: frozenset[StaffRole]
    refusal: str = ""


SIGNED_IN = Access(frozenset(StaffRole))
OWNERS = Access(frozenset({StaffRole.SERVICE_OWNER, StaffRole.ADMIN}), "Only service owners and admins may open this.")
ADMINS = Access(frozenset({StaffRole.ADMIN}), "Only administrators may open this.")


def new_csrf_token() -> str:
    return secrets.token_urlsafe(16)


def open_session(request: Request, member: StaffMember) -> None:
    """Start a session for `member`, replacing whatever the cookie held (no session fixation)."""
    stamp = services(request).console.clock().timestamp()
    request.session.clear()
    request.session.update({
        SESSION_KEY: {"username": member.username, "version": member.session_version, "issued": stamp, "seen": stamp},
        "csrf": new_csrf_token(),
    })


async def current_member(request: Request, refresh: bool = True) -> StaffMember | None:
    """The member this request's session belongs to, or None when there is none or it has ended.

    A session ends when it has been idle too long, is older than the absolute limit, or carries a session
    version the account no longer has (sign-out, deactivation, role change, password reset).

    Args:
        refresh: count this request as activity; the transcript's background refresh does not, so that a
            page left open still times out.
    """
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    found = services(request)
    settings, stamp = found.console, found.console.clock().timestamp()
    idle = timedelta(minutes=settings.idle_minutes).total_seconds()
    lifetime = timedelta(hours=settings.session_hours).total_seconds()
    member = None
    if stamp - float(data.get("seen", 0)) <= idle and stamp - float(data.get("issued", 0)) <= lifetime:
        member = await asyncio.to_thread(found.staff.find, str(data.get("username", "")))
    if member is None or not member.active or member.session_version != data.get("version"):
        request.session.pop(SESSION_KEY, None)
        return None
    if refresh:
        request.session[SESSION_KEY] = {**data, "seen": stamp}
    return member


async def form_of(request: Request) -> dict[str, str]:
    """The posted form's single values (Starlette caches the parsed form, so reading it twice is free)."""
    return {key: str(value) for key, value in (await request.form()).items()}


async def csrf_ok(request: Request) -> bool:
    token = request.session.get("csrf")
    sent = (await form_of(request)).get("csrf", "")
    return bool(token) and secrets.compare_digest(sent, str(token))


Guarded = Callable[[Request], Awaitable[Response]]


def require(access: Access, background: bool = False, changing_password: bool = False) -> Callable[[Endpoint], Guarded]:
    """Let a route run only for a signed-in member with one of `access`'s roles; POSTs also need the CSRF token.

    Args:
        background: a request the page makes by itself: answer 401 rather than a redirect, and do not count
            it as activity.
        changing_password: the change-password page, the one page a member who must change it may open.
    """

    def wrap(endpoint: Endpoint) -> Guarded:
        @functools.wraps(endpoint)
        async def guarded(request: Request) -> Response:
            member = await current_member(request, refresh=not background)
            if member is None:
                return Response(status_code=401) if background else RedirectResponse("/login", status_code=303)
            request.state.member = member
            if member.must_change_password and not changing_password:
                return RedirectResponse("/password", status_code=303)
            if member.role not in access.roles:
                return error(request, 403, access.refusal)
            if request.method == "POST" and not await csrf_ok(request):
                return error(request, 400, FORM_EXPIRED)
            return await endpoint(request, member)

        return guarded

    return wrap
