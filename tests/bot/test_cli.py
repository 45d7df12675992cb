from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def test_catalog_check_prints_a_one_line_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "check"]) == 0
    assert capsys.readouterr().out == "catalogue ok: 68 services (35 info, 29 request, 4 staff), 16 agencies\n"


def test_catalog_check_fails_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "check", "--dir", str(tmp_path)]) == 1
    assert "catalogue invalid:" in capsys.readouterr().err
