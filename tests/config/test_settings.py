"""One set of variables names each shared store, for Rasa and One Door alike (bot/settings.py)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy.engine import make_url

from bot.settings import PROJECT_ROOT, Settings
from channels.tracker_store import configured_connection

DATABASE = {
    "ONE_DOOR_DB_HOST": "db.internal", "ONE_DOOR_DB_PORT": "6432", "ONE_DOOR_DB_USER": "onedoor",
    "ONE_DOOR_DB_PASSWORD": "p@ss/word", "ONE_DOOR_DB_NAME": "harborview",
}


def test_one_postgresql_database_for_rasas_conversations_and_one_doors_records(
    environment: pytest.MonkeyPatch,
) -> None:
    for name, value in DATABASE.items():
        environment.setenv(name, value)
    settings = Settings()
    assert settings.database_url == settings.trackers()
    url = make_url(settings.database_url)
    assert (url.drivername, url.host, url.port, url.username, url.password, url.database) == (
        "postgresql", "db.internal", 6432, "onedoor", "p@ss/word", "harborview")
    rasa = configured_connection()  # what the tracker store named in endpoints.yml hands to Rasa
    assert (rasa["dialect"], rasa["host"], rasa["port"], rasa["username"], rasa["password"], rasa["db"]) == (
        "postgresql", "db.internal", 6432, "onedoor", "p@ss/word", "harborview")
    assert "p@ss/word" not in repr(url) and "p@ss/word" not in repr(settings.db_password)


def test_a_database_url_beside_the_db_variables_is_refused_by_name() -> None:
    for clash in ("ONE_DOOR_DATABASE_URL", "ONE_DOOR_TRACKER_URL"):
        with pytest.raises(ValidationError, match=clash):
            Settings.of({**DATABASE, clash: "sqlite:///elsewhere.db"})


def test_without_a_db_host_the_embedded_sqlite_files_and_explicit_urls_stay() -> None:
    assert Settings.of({}).database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'onedoor.db'}"
    explicit = Settings.of({"ONE_DOOR_DATABASE_URL": "postgresql://a@b/c",
                            "ONE_DOOR_TRACKER_URL": "postgresql://a@b/d"})
    assert (explicit.database_url, explicit.trackers()) == ("postgresql://a@b/c", "postgresql://a@b/d")
    assert Settings.of({"ONE_DOOR_TRACKER_DB": "var/trackers.db"}).trackers() == (
        f"sqlite:///{PROJECT_ROOT / 'var' / 'trackers.db'}")


def test_one_redis_url_is_the_default_of_every_redis_and_each_specific_one_wins() -> None:
    shared = Settings.of({"ONE_DOOR_REDIS_URL": "redis://shared/1"})
    assert (shared.webchat_redis(), shared.rate_limit_storage(), shared.live_redis()) == ("redis://shared/1",) * 3
    own = Settings.of({
        "ONE_DOOR_REDIS_URL": "redis://shared/1", "ONE_DOOR_WEBCHAT_REDIS_URL": "redis://chat/2",
        "ONE_DOOR_RATE_LIMIT_REDIS_URL": "redis://limits/3", "ONE_DOOR_LIVE_REDIS_URL": "redis://live/4",
    })
    assert (own.webchat_redis(), own.rate_limit_storage(), own.live_redis()) == (
        "redis://chat/2", "redis://limits/3", "redis://live/4")
    assert Settings.of({}).rate_limit_storage() == "memory://" and Settings.of({}).live_redis() == ""


def test_rasa_runs_two_workers_with_redis_one_without_and_never_several_without_redis() -> None:
    assert Settings.of({}).sanic_workers() == 1
    assert Settings.of({"ONE_DOOR_REDIS_URL": "redis://r/0"}).sanic_workers() == 2
    assert Settings.of({"ONE_DOOR_REDIS_URL": "redis://r/0", "ONE_DOOR_RASA_WORKERS": "3"}).sanic_workers() == 3
    assert Settings.of({"ONE_DOOR_REDIS_URL": "redis://r/0", "ONE_DOOR_RASA_WORKERS": "1"}).sanic_workers() == 1
    with pytest.raises(ValueError, match="ONE_DOOR_RASA_WORKERS=2 needs ONE_DOOR_REDIS_URL"):
        Settings.of({"ONE_DOOR_RASA_WORKERS": "2"}).sanic_workers()


def test_the_settings_of_an_environment_are_its_own_not_this_processs(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("ONE_DOOR_REDIS_URL", "redis://this-process/0")
    assert Settings.of({}).redis_url == "" and Settings().redis_url == "redis://this-process/0"


def test_env_example_lists_every_setting() -> None:
    listed = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    assert [name for name in Settings.__fields__ if f"ONE_DOOR_{name.upper()}=" not in listed] == []
