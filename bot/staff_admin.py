"""What an admin does to other staff accounts, from the console or the CLI: each change ends the account's
sessions and is audited."""

from __future__ import annotations

from bot.audit import AuditLog, StaffAction
from bot.staff import StaffDirectory, StaffMember, StaffRole


class StaffAdmin:
    """Deactivate, reactivate, change roles and reset passwords, on behalf of `actor`.

    Raises (every method):
        StaffError: no such account, or the change would leave no active admin.
    """

    def __init__(self, directory: StaffDirectory, audit: AuditLog) -> None:
        self._directory = directory
        self._audit = audit

    def deactivate(self, actor: str, username: str) -> StaffMember:
        member = self._directory.set_active(username, False)
        self._audit.record(actor, StaffAction.USER_DEACTIVATED, subject=username)
        return member

    def reactivate(self, actor: str, username: str) -> StaffMember:
        member = self._directory.set_active(username, True)
        self._audit.record(actor, StaffAction.USER_REACTIVATED, subject=username)
        return member

    def set_role(self, actor: str, username: str, role: StaffRole) -> StaffMember:
        member = self._directory.set_role(username, role)
        self._audit.record(actor, StaffAction.ROLE_CHANGED, subject=username, detail=role.value)
        return member

    def reset_password(self, actor: str, username: str) -> str:
        """A new random password for `username`, which must be changed at the next sign-in; shown once."""
        password = self._directory.reset_password(username)
        self._audit.record(actor, StaffAction.PASSWORD_RESET, subject=username)
        return password
