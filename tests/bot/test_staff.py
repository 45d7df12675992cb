from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import migrate
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
