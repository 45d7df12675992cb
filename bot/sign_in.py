"""Signing in to the staff console: throttled per username and per client address, and audited either way."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from limits import RateLimitItemPerMinute
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from bot.audit import AuditLog, StaffAction
from bot.rate_limits import hashed_key
from bot.staff import StaffDirectory, StaffMember, WrongPassword

logger = logging.getLogger(__name__)
USERNAME_CHARS = 64  # what the audit log keeps of a typed username


class SignInOutcome(enum.Enum):
    SIGNED_IN = "signed_in"
    REFUSED = "refused"  # wrong username or password
    LOCKED_OUT = "locked_out"  # too many failures: refused without checking the password


@dataclass(frozen=True)
class SignInResult:
    outcome: SignInOutcome
    member: StaffMember | None = None


class SignInThrottle:
    """Counts failed sign-ins in a moving window per username and per client address (the `limits` library).

    With a Redis URL every console replica shares the counts; otherwise they live in this process. Usernames and
    addresses are hashed before they become keys, so Redis names nobody.
    `namespace` keeps tests (and several deployments on one Redis) apart.
    """

    def __init__(
        self, storage_uri: str = "memory://", per_username: int = 5, per_address: int = 20,
        window_minutes: int = 15, namespace: str = "onedoor-sign-in",
    ) -> None:
        self.storage: Storage = storage_from_string(storage_uri)  # the limiter holds only a weak reference
        self._limiter = MovingWindowRateLimiter(self.storage)
        self._per_username = RateLimitItemPerMinute(per_username, window_minutes, namespace=namespace)
        self._per_address = RateLimitItemPerMinute(per_address, window_minutes, namespace=namespace)
        self.window_minutes = window_minutes

    def locked(self, username: str, address: str) -> bool:
        """Whether either count is used up, so that this attempt is refused without looking at the password."""
        return not (
            self._limiter.test(self._per_username, "username", hashed_key(username))
            and self._limiter.test(self._per_address, "address", hashed_key(address))
        )

    def failed(self, username: str, address: str) -> None:
        self._limiter.hit(self._per_username, "username", hashed_key(username))
        self._limiter.hit(self._per_address, "address", hashed_key(address))

    def succeeded(self, username: str) -> None:
        """Forget the username's failures (not the address's: one good account must not unlock guessing)."""
        self._limiter.clear(self._per_username, "username", hashed_key(username))


class SignIn:
    """Check a username and password from one address, and say whether the console may open a session."""

    def __init__(self, directory: StaffDirectory, audit: AuditLog, throttle: SignInThrottle) -> None:
        self._directory = directory
        self._audit = audit
        self.throttle = throttle

    def attempt(self, username: str, password: str, address: str) -> SignInResult:
        """Sign in, unless locked out. Blocking (argon2, the database, maybe Redis): call it from a thread.

        Note:
            The password is never logged or audited; a failure records the typed username and the address.
        """
        typed = username.strip()[:USERNAME_CHARS]
        key = typed.lower()
        if self.throttle.locked(key, address):
            self._refused(typed, address, SignInOutcome.LOCKED_OUT)
            return SignInResult(SignInOutcome.LOCKED_OUT)
        member = self._directory.authenticate(typed, password)
        if member is None:
            self.throttle.failed(key, address)
            self._refused(typed, address, SignInOutcome.REFUSED)
            return SignInResult(SignInOutcome.REFUSED)
        self.throttle.succeeded(key)
        self._audit.record(member.username, StaffAction.SIGN_IN, detail=f"from {address}")
        logger.info("console.sign_in.succeeded address=%s", address)
        return SignInResult(SignInOutcome.SIGNED_IN, member)

    def change_password(self, username: str, current: str, new: str, address: str) -> SignInResult:
        """Change a signed-in member's password; a wrong current password counts as a failed sign-in.

        Raises:
            StaffError: the new password is too short or the same as the current one.
        """
        key = username.lower()
        if self.throttle.locked(key, address):
            self._refused(username, address, SignInOutcome.LOCKED_OUT)
            return SignInResult(SignInOutcome.LOCKED_OUT)
        try:
            member = self._directory.change_password(username, current, new)
        except WrongPassword:
            self.throttle.failed(key, address)
            self._refused(username, address, SignInOutcome.REFUSED)
            return SignInResult(SignInOutcome.REFUSED)
        self._audit.record(username, StaffAction.PASSWORD_CHANGED, detail=f"from {address}")
        return SignInResult(SignInOutcome.SIGNED_IN, member)

    def _refused(self, typed: str, address: str, outcome: SignInOutcome) -> None:
        self._audit.record(typed or "(empty)", StaffAction.SIGN_IN_FAILED, detail=f"{outcome.value} from {address}")
        logger.warning("console.sign_in.failed reason=%s address=%s", outcome.value, address)
