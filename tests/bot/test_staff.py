from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import migrate
from bot.audit import AuditFilter, AuditLog, StaffAction
from bot.cli import main
from bot.db import Database, make_engine
from bot.staff import StaffDirectory, StaffError, StaffRecord, StaffRole, username_for

PASSWORD = "correct horse battery"


def test_a_new_account_signs_in_with_its_password_only(database: Database) -> None:
    directory = StaffDirectory(database)
    directory.add("pat.example", "Pat Example", "public_works", StaffRole.AGENT, PASSWORD)
    member = directory.authenticate("pat.example", PASSWORD)
    assert member is not None and (member.agency_id, member.role) == ("public_works", StaffRole.AGENT)
    assert directory.authenticate("pat.example", PASSWORD + "!") is None
    assert directory.authenticate("nobody", PASSWORD) is None


def test_passwords_are_stored_hashed(database: Database) -> None:
    StaffDirectory(database).add("sam", "Sam Example", "water", StaffRole.AGENT, PASSWORD)
    with database.transaction() as session:
        stored = session.execute(select(StaffRecord.password_hash)).scalar_one()
    assert PASSWORD not in stored and stored.startswith("$argon2")


def test_usernames_are_unique(database: Database) -> None:
    directory = StaffDirectory(database)
    directory.add("sam", "Sam Example", "water", StaffRole.AGENT, PASSWORD)
    with pytest.raises(StaffError, match="the username 'sam' is taken"):
        directory.add("sam", "Sam Other", "parks", StaffRole.AGENT, PASSWORD)


def test_short_passwords_are_refused(database: Database) -> None:
    with pytest.raises(StaffError, match="at least 12 characters"):
        StaffDirectory(database).add("sam", "Sam Example", "water", StaffRole.AGENT, "short")


def test_username_for_a_name() -> None:
    assert username_for("  Pat O'Example-Smith ") == "pat.o.example.smith"


def test_cli_adds_staff_with_a_password_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    migrate.upgrade(url)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(["staff", "add", "--agency", "public_works", "--name", "Pat Example", "--password-stdin", "--url", url])
    assert code == 0
    assert capsys.readouterr().out == "created agent 'pat.example' for Public Works\n"
    assert StaffDirectory(Database(make_engine(url))).authenticate("pat.example", PASSWORD) is not None


def test_cli_rejects_an_unknown_agency(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    code = main(["staff", "add", "--agency", "nowhere", "--name", "Pat Example", "--url", url])
    assert code == 2
    assert "unknown agency 'nowhere'" in capsys.readouterr().err


def test_every_account_change_moves_the_session_version_on(database: Database) -> None:
    directory = StaffDirectory(database)
    directory.add("sam", "Sam Example", "water", StaffRole.AGENT, PASSWORD)
    directory.add("boss", "Boss Example", "water", StaffRole.ADMIN, PASSWORD)
    versions = [directory.find("sam").session_version]  # type: ignore[union-attr]
    versions.append(directory.end_sessions("sam").session_version)
    versions.append(directory.set_role("sam", StaffRole.CONTACT_CENTER).session_version)
    versions.append(directory.set_active("sam", False).session_version)
    versions.append(directory.set_active("sam", True).session_version)
    directory.reset_password("sam")
    versions.append(directory.find("sam").session_version)  # type: ignore[union-attr]
    assert versions == [0, 1, 2, 3, 4, 5]


def test_a_deactivated_account_cannot_sign_in_until_reactivated(database: Database) -> None:
    directory = StaffDirectory(database)
    directory.add("sam", "Sam Example", "water", StaffRole.AGENT, PASSWORD)
    directory.set_active("sam", False)
    assert directory.authenticate("sam", PASSWORD) is None
    assert [m.username for m in directory.members()] == []
    assert [m.username for m in directory.members(include_inactive=True)] == ["sam"]
    directory.set_active("sam", True)
    assert directory.authenticate("sam", PASSWORD) is not None


def test_a_reset_password_replaces_the_old_one_and_must_be_changed(database: Database) -> None:
    directory = StaffDirectory(database)
    directory.add("sam", "Sam Example", "water", StaffRole.AGENT, PASSWORD)
    new = directory.reset_password("sam")
    assert len(new) >= 12 and directory.authenticate("sam", PASSWORD) is None
    member = directory.authenticate("sam", new)
    assert member is not None and member.must_change_password
    with pytest.raises(StaffError, match="current password is wrong"):
        directory.change_password("sam", PASSWORD, "a brand new password")
    with pytest.raises(StaffError, match="at least 12"):
        directory.change_password("sam", new, "short")
    changed = directory.change_password("sam", new, "a brand new password")
    assert not changed.must_change_password
    assert directory.authenticate("sam", "a brand new password") is not None


def test_the_last_active_admin_stays(database: Database) -> None:
    directory = StaffDirectory(database)
    directory.add("boss", "Boss Example", "water", StaffRole.ADMIN, PASSWORD)
    with pytest.raises(StaffError, match="last active admin"):
        directory.set_active("boss", False)
    with pytest.raises(StaffError, match="last active admin"):
        directory.set_role("boss", StaffRole.AGENT)
    directory.add("deputy", "Deputy Example", "water", StaffRole.ADMIN, PASSWORD)
    assert directory.set_active("boss", False).active is False
    with pytest.raises(StaffError, match="no account 'ghost'"):
        directory.set_role("ghost", StaffRole.AGENT)


def test_cli_manages_accounts_and_audits_each_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    migrate.upgrade(url)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["staff", "add", "--agency", "water", "--name", "Sam Example", "--url", url]) == 0
    generated = capsys.readouterr().out.rsplit(": ", 1)[1].strip()
    directory = StaffDirectory(Database(make_engine(url)))
    assert directory.authenticate("sam.example", generated).must_change_password  # type: ignore[union-attr]

    assert main(["staff", "set-role", "sam.example", "supervisor", "--url", url]) == 0
    assert directory.find("sam.example").role is StaffRole.SUPERVISOR  # type: ignore[union-attr]
    assert main(["staff", "set-role", "sam.example", "contact_center", "--url", url]) == 0
    assert main(["staff", "deactivate", "sam.example", "--url", url]) == 0
    assert directory.authenticate("sam.example", generated) is None
    assert main(["staff", "reactivate", "sam.example", "--url", url]) == 0
    capsys.readouterr()
    assert main(["staff", "reset-password", "sam.example", "--url", url]) == 0
    reset = capsys.readouterr().out.rsplit(": ", 1)[1].strip()
    member = directory.authenticate("sam.example", reset)
    assert member is not None and member.role is StaffRole.CONTACT_CENTER and member.must_change_password
    assert main(["staff", "deactivate", "nobody", "--url", url]) == 1
    assert "not changed: no account 'nobody'" in capsys.readouterr().err
    entries, _ = AuditLog(Database(make_engine(url))).search(AuditFilter())
    assert [(e.action, e.subject) for e in reversed(entries)] == [
        (StaffAction.USER_ADDED, "sam.example"), (StaffAction.ROLE_CHANGED, "sam.example"),
        (StaffAction.ROLE_CHANGED, "sam.example"), (StaffAction.USER_DEACTIVATED, "sam.example"), (StaffAction.USER_REACTIVATED, "sam.example"),
        (StaffAction.PASSWORD_RESET, "sam.example"),
    ]
    assert all(e.actor.startswith("cli") for e in entries)
