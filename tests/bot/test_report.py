"""The report on a small seeded month: the right numbers, valid charts, breaches marked, residents' text escaped."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import create_engine, insert

from bot import migrate
from bot.cases import CaseRecord, CaseStatus, CaseUpdateRecord
from bot.catalog import Catalog, load_catalog
from bot.cli import main
from bot.db import Database, make_engine, utc_now
from bot.feedback import Feedback, FeedbackLog
from bot.handoff_records import HandoffReason, HandoffRecord, HandoffStatus
from bot.references import new_reference
from bot.reports.render import write_report
from bot.reports.report import build_report
from bot.tracker_store import EVENTS
from bot.reports.window import Window
from bot.settings import get_settings
from bot.unresolved import UnresolvedKind, UnresolvedLog

NOW = datetime(2026, 11, 22, 18, 0, tzinfo=timezone.utc)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SCRIPT = "<script>alert('x')</script> where do I renew my passport"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(get_settings().catalog_dir)


def seed_unresolved(database: Database) -> None:
    """Webchat: 3 not understood and 1 out of scope; SMS: 2 not understood; and one message too old to count."""
    log = UnresolvedLog(database)
    for days_ago, channel, kind, text in [
        (1, "webchat", UnresolvedKind.FALLBACK, SCRIPT),
        (2, "webchat", UnresolvedKind.FALLBACK, "where do I renew my passport"),
        (2, "webchat", UnresolvedKind.FALLBACK, "where can I renew my passport?"),
        (3, "webchat", UnresolvedKind.OUT_OF_SCOPE, "tell me a joke"),
        (3, "sms", UnresolvedKind.FALLBACK, "blorp"),
        (4, "sms", UnresolvedKind.FALLBACK, "snow day tomorrow?"),
        (45, "sms", UnresolvedKind.FALLBACK, "an old passport question"),
    ]:
        at = NOW - timedelta(days=days_ago)
        log.record(text, channel, f"conv-{days_ago}", [("pothole_report", 0.2)], kind, at=at)


def seed_tracker_store(path: Path) -> str:
    """40 webchat and 10 SMS messages from residents in the month, plus events that must not count."""
    url = f"sqlite:///{path}"
    engine = create_engine(url, future=True)
    EVENTS.create(engine)

    def event(type_name: str, channel: str, days_ago: float) -> dict[str, object]:
        stamp = (NOW - timedelta(days=days_ago)).timestamp()
        data = json.dumps({"event": type_name, "timestamp": stamp, "input_channel": channel})
        return {"sender_id": "s", "type_name": type_name, "timestamp": stamp, "data": data}

    rows = [event("user", "webchat", 1 + i / 10) for i in range(40)] + [event("user", "sms", 2) for _ in range(10)]
    rows += [event("bot", "webchat", 1), event("user", "webchat", 40)]
    with engine.begin() as connection:
        connection.execute(insert(EVENTS), rows)
    engine.dispose()
    return url


def seed_feedback(database: Database) -> None:
    """Potholes helped 3 times in 4 (Public Works 75.0%); the water bill answer helped nobody (0.0%)."""
    log = FeedbackLog(database)
    for helpful in (True, True, True, False):
        log.record("f", Feedback(NOW - timedelta(days=2), "sms", "pothole_report", "public_works", helpful))
    log.record("g", Feedback(NOW - timedelta(days=2), "webchat", "water_bill", "water", False))


def seed_handoffs(database: Database) -> dict[str, int]:
    """Shelter (1 h standard): claimed in 20 min, claimed in 3 h (breach), still waiting 5 h (breach); and one
    for no service, waiting 2 h, which has no standard to breach."""
    handoffs = {
        "quick": ("emergency_shelter", NOW - timedelta(days=3), timedelta(minutes=20)),
        "slow": ("emergency_shelter", NOW - timedelta(days=2), timedelta(hours=3)),
        "waiting": ("emergency_shelter", NOW - timedelta(hours=5), None),
        "general": (None, NOW - timedelta(hours=2), None),
    }
    ids = {}
    with database.transaction() as session:
        for name, (service, created, wait) in handoffs.items():
            record = HandoffRecord(
                conversation_id=name, channel="sms", agency_id="human_services" if service else "contact_center",
                service_id=service, reason=HandoffReason.STAFF_SERVICE, priority=10,
                status=HandoffStatus.WAITING if wait is None else HandoffStatus.CLAIMED, note="",
                created_at=created, claimed_at=None if wait is None else created + wait,
            )
            session.add(record)
            session.flush()
            ids[name] = record.id
    return ids


def seed_cases(database: Database) -> dict[str, str]:
    """Potholes (5 day standard): resolved in 2 days, resolved in 8 (breach), open for 6 days so far (breach)."""
    cases = {
        "quick": (NOW - timedelta(days=20), timedelta(days=2)),
        "slow": (NOW - timedelta(days=20), timedelta(days=8)),
        "open": (NOW - timedelta(days=6), None),
    }
    references = {name: new_reference() for name in cases}
    with database.transaction() as session:
        for name, (created, resolved_after) in cases.items():
            reference = references[name]
            case = CaseRecord(reference=reference, service_id="pothole_report", agency_id="public_works",
                              status=CaseStatus.OPEN, channel="sms", conversation_id=reference,
                              created_at=created, updated_at=created)
            case.updates.append(CaseUpdateRecord(status=CaseStatus.OPEN, at=created, note=""))
            if resolved_after is not None:
                case.updates.append(CaseUpdateRecord(status=CaseStatus.IN_PROGRESS, at=created + timedelta(hours=1)))
                case.updates.append(CaseUpdateRecord(status=CaseStatus.RESOLVED, at=created + resolved_after))
                case.updates.append(CaseUpdateRecord(status=CaseStatus.CLOSED, at=created + resolved_after * 2))
            session.add(case)
    return references


@dataclass(frozen=True)
class Seeded:
    database: Database
    trackers: str
    handoffs: dict[str, int]
    cases: dict[str, str]


@pytest.fixture
def seeded(database: Database, tmp_path: Path) -> Seeded:
    seed_unresolved(database)
    seed_feedback(database)
    return Seeded(database, seed_tracker_store(tmp_path / "trackers.db"), seed_handoffs(database),
                  seed_cases(database))


@dataclass(frozen=True)
class Written:
    html: str
    markdown: str
    files: list[Path]


def write(database: Database, catalog: Catalog, out: Path, trackers: str | None) -> Written:
    """Build and write the month's report, as the `report` command does, and read it back."""
    window = Window(NOW - timedelta(days=30), NOW, catalog.city.timezone)
    files = write_report(build_report(database, catalog, window, trackers), out)
    return Written((out / "report.html").read_text(encoding="utf-8"), (out / "report.md").read_text(encoding="utf-8"),
                   files)


@pytest.fixture
def report(seeded: Seeded, catalog: Catalog, tmp_path: Path) -> Written:
    """The report on the seeded month, with the seeded tracker store."""
    return write(seeded.database, catalog, tmp_path / "out", seeded.trackers)


def test_report_counts_unresolved_messages_per_channel_with_fallback_rates(report: Written) -> None:
    assert "**6** unresolved messages" in report.markdown
    assert "| webchat | 40 | 3 | 1 | 0 | 7.5% | 2.5% |" in report.markdown
    assert "| sms | 10 | 2 | 0 | 0 | 20.0% | 0.0% |" in report.markdown
    assert '<td class="number">7.5%</td>' in report.html and '<td class="number">20.0%</td>' in report.html
    assert "as counted in Rasa's tracker store" in report.html


def test_report_groups_the_passport_questions_into_one_theme(report: Written) -> None:
    assert "1. **passport, renew**: 3 messages, such as" in report.markdown
    assert "\n\n3 of the 6 messages are in no theme" in report.markdown
    assert '<td>passport, renew</td><td class="number">3</td>' in report.html


def test_report_shows_helpfulness_per_agency_and_service(report: Written) -> None:
    assert "| Public Works | 3 | 4 | 75.0% |" in report.markdown
    assert "| Water and Sewer Utility | 0 | 1 | 0.0% |" in report.markdown
    assert ('<tr><td>Report a pothole</td><td class="number">3</td><td class="number">4</td>'
            '<td class="number">75.0%</td></tr>') in report.html


def test_report_marks_handoffs_and_cases_past_their_standard(report: Written, seeded: Seeded) -> None:
    handoffs, cases = seeded.handoffs, seeded.cases
    lines = report.markdown.splitlines()
    assert "**2** handoffs and **2** cases past their service standard" in report.markdown
    assert "| Find a place to sleep tonight | Human Services | 1 h | 3 | 2 | 3 h | 5 h | **2 breached** |" in lines
    assert "| No particular service | 311 Contact Center | — | 1 | 0 | 2 h | 2 h | 0 |" in lines
    assert "| Report a pothole | Public Works | 5 d | 3 | 2 | 6 d | 8 d | **2 breached** |" in lines
    breaches = [line for line in lines if line.startswith("- **Breach:**")]
    assert [line.split(" (")[0] for line in breaches] == [
        f"- **Breach:** handoff {handoffs['waiting']}",
        f"- **Breach:** handoff {handoffs['slow']}",
        f"- **Breach:** case {cases['slow']}",
        f"- **Breach:** case {cases['open']}",
    ]
    assert breaches[0].endswith("took 5 h against 1 h, still waiting")
    assert f'<tr class="breach"><td>handoff {handoffs["slow"]}</td>' in report.html
    assert f'<tr class="breach"><td>case {cases["slow"]}</td>' in report.html
    assert f"handoff {handoffs['quick']}<" not in report.html and cases["quick"] not in report.html


def test_report_escapes_html_a_resident_wrote(report: Written) -> None:
    assert "<script>" not in report.html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in report.html
    assert "<script>" not in report.markdown and "&lt;script&gt;alert('x')&lt;/script&gt;" in report.markdown


def test_report_writes_valid_png_charts_that_the_html_shows(report: Written) -> None:
    charts = [path for path in report.files if path.suffix == ".png"]
    assert len(charts) == 6
    for chart in charts:
        assert chart.read_bytes().startswith(PNG_SIGNATURE)
        with Image.open(chart) as image:
            image.verify()
        assert f'<img src="{chart.name}"' in report.html


def test_without_a_tracker_store_the_report_gives_counts_and_says_why_rates_are_missing(
    seeded: Seeded, catalog: Catalog, tmp_path: Path
) -> None:
    markdown = write(seeded.database, catalog, tmp_path / "out", None).markdown
    assert "| webchat | — | 3 | 1 | 0 | — | — |" in markdown
    assert "Rates are not shown: no tracker store was given" in markdown


def test_an_unreadable_tracker_store_is_reported_and_never_created(
    seeded: Seeded, catalog: Catalog, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such" / "trackers.db"
    markdown = write(seeded.database, catalog, tmp_path / "out", f"sqlite:///{missing}").markdown
    assert "Rates are not shown: the tracker store could not be read (OperationalError)" in markdown
    assert not missing.exists()


def test_report_command_writes_the_report_into_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    migrate.upgrade(url)
    UnresolvedLog(Database(make_engine(url))).record("dog licence?", "sms", "c", [], UnresolvedKind.FALLBACK,
                                                     at=utc_now() - timedelta(days=1))
    assert main(["report", "--since", "7d", "--out", str(tmp_path / "out"), "--url", url]) == 0
    assert "**1** unresolved messages" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert f"wrote {tmp_path / 'out' / 'report.html'}" in capsys.readouterr().out.splitlines()


def test_report_command_rejects_a_period_it_cannot_read(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--since", "a month"])
    assert exit_.value.code == 2
    assert "--since" in capsys.readouterr().err
