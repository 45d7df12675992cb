"""Settings read once from the environment (prefix `ONE_DOOR_`), with defaults that run on one machine."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Everything an operator can change without touching code; `.env.example` documents each value."""

    catalog_dir: Path = PROJECT_ROOT / "data" / "catalog"
    # Cases and everything else One Door stores itself; PostgreSQL for several replicas.
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'onedoor.db'}"

    class Config:
        env_prefix = "ONE_DOOR_"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
