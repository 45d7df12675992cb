"""Signing in and out, and changing one's own password (which a generated or reset password forces)."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.audit import StaffAction
from bot.console.context import address_of, error, page, services
from bot.console.sessions import (
    FORM_EXPIRED, SESSION_KEY, SIGNED_IN, current_member, csrf_ok, form_of, new_csrf_token, open_session, require,
)
from bot.sign_in import SignInOutcome
from bot.staff import StaffError, StaffMember

WRONG = "Wrong username or password."
LOCKED_OUT = ("Too many failed sign-ins for this account or from this network. Wait {minutes} minutes and try "
              "again, or ask an administrator to reset your password.")


async def login(request: Request) -> Response:
    if request.method == "GET":
        request.session.setdefault("csrf", new_csrf_token())
        return page(request, "login.html")
    if not await csrf_ok(request):
        return error(request, 400, FORM_EXPIRED)
    form = await form_of(request)
    found = services(request)
    result = await asyncio.to_thread(
        found.sign_in.attempt, form.get("username", ""), form.get("password", ""), address_of(request)
    )
    if result.outcome is SignInOutcome.LOCKED_OUT:
        message = LOCKED_OUT.format(minutes=found.sign_in.throttle.window_minutes)
        return page(request, "login.html", status=429, error=message)
    if result.member is None:
        return page(request, "login.html", status=401, error=WRONG)
    open_session(request, result.member)
    return RedirectResponse("/password" if result.member.must_change_password else "/", status_code=303)


async def logout(request: Request) -> Response:
    """Sign out everywhere: the account's session version moves on, so a copied cookie stops working too."""
    if not await csrf_ok(request):
        return error(request, 400, FORM_EXPIRED)
    member = await current_member(request)
    if member is not None:
        found = services(request)
        await asyncio.to_thread(found.staff.end_sessions, member.username)
        await asyncio.to_thread(found.audit.record, member.username, StaffAction.SIGN_OUT,
                                detail=f"from {address_of(request)}")
    request.session.pop(SESSION_KEY, None)
    request.session["csrf"] = new_csrf_token()
    return RedirectResponse("/login", status_code=303)


@require(SIGNED_IN, changing_password=True)
async def change_password(request: Request, member: StaffMember) -> Response:
    if request.method == "GET":
        return page(request, "password.html", forced=member.must_change_password)
    form = await form_of(request)
    if form.get("new", "") != form.get("repeat", ""):
        return page(request, "password.html", status=400, forced=member.must_change_password,
                    error="The two new passwords differ.")
    found = services(request)
    try:
        result = await asyncio.to_thread(found.sign_in.change_password, member.username, form.get("current", ""),
                                         form.get("new", ""), address_of(request))
    except StaffError as problem:
        return page(request, "password.html", status=400, forced=member.must_change_password, error=str(problem))
    if result.outcome is SignInOutcome.LOCKED_OUT:
        message = LOCKED_OUT.format(minutes=found.sign_in.throttle.window_minutes)
        return page(request, "password.html", status=429, forced=member.must_change_password, error=message)
    if result.member is None:
        return page(request, "password.html", status=400, forced=member.must_change_password,
                    error="The current password is wrong.")
    open_session(request, result.member)
    return RedirectResponse("/", status_code=303)


routes = [
    Route("/login", login, methods=["GET", "POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/password", change_password, methods=["GET", "POST"]),
]
