"""Staff accounts in the console (admins only): add, deactivate, reactivate, change a role, reset a password."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.audit import StaffAction
from bot.console.context import page, services
from bot.console.sessions import ADMINS, form_of, require
from bot.staff import StaffError, StaffMember, StaffRole, username_for

ROLES = {role.value for role in StaffRole}


async def _staff_page(request: Request, status: int = 200, **context: Any) -> Response:
    members = await asyncio.to_thread(services(request).staff.members, True)
    return page(request, "staff.html", status=status, members=members, roles=list(StaffRole), **context)


@require(ADMINS)
async def staff_list(request: Request, member: StaffMember) -> Response:
    return await _staff_page(request)


@require(ADMINS)
async def staff_add(request: Request, member: StaffMember) -> Response:
    """Add an account; the admin chose its password, so its owner must change it at the first sign-in."""
    found, form = services(request), await form_of(request)
    if form.get("agency") not in found.catalog.agencies or not form.get("name") or form.get("role") not in ROLES:
        return await _staff_page(request, 400, error="Fill in every field.")
    username = form.get("username") or username_for(form["name"])
    try:
        await asyncio.to_thread(found.staff.add, username, form["name"], form["agency"], StaffRole(form["role"]),
                                form.get("password", ""), True)
    except StaffError as problem:
        return await _staff_page(request, 400, error=str(problem))
    await asyncio.to_thread(found.audit.record, member.username, StaffAction.USER_ADDED, subject=username)
    return await _staff_page(request, notice=f"Added {username}. They choose a new password when they first sign in.")


@require(ADMINS)
async def staff_change(request: Request, member: StaffMember) -> Response:
    """One change to one account; each ends that account's sessions and is audited (bot/staff_admin.py)."""
    admin, form = services(request).admin, await form_of(request)
    username, action = form.get("username", ""), request.path_params["action"]
    try:
        if action == "deactivate":
            await asyncio.to_thread(admin.deactivate, member.username, username)
            notice = f"{username} is deactivated and signed out everywhere."
        elif action == "reactivate":
            await asyncio.to_thread(admin.reactivate, member.username, username)
            notice = f"{username} may sign in again."
        elif action == "set-role" and form.get("role") in ROLES:
            await asyncio.to_thread(admin.set_role, member.username, username, StaffRole(form["role"]))
            notice = f"{username} is now {form['role']} and must sign in again."
        elif action == "reset-password":
            password = await asyncio.to_thread(admin.reset_password, member.username, username)
            return await _staff_page(request, reset=(username, password))
        else:
            return await _staff_page(request, 400, error="Choose what to change.")
    except StaffError as problem:
        return await _staff_page(request, 400, error=str(problem))
    return await _staff_page(request, notice=notice)


routes = [
    Route("/staff", staff_list, methods=["GET"]),
    Route("/staff", staff_add, methods=["POST"]),
    Route("/staff/{action:str}", staff_change, methods=["POST"]),
]
