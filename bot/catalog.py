"""The service catalogue: the city, its agencies and services, loaded from YAML and validated."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import BaseModel, Extra, PositiveInt, ValidationError, validator

from bot.i18n.phrases import PHRASES_FILE, Phrases, load_phrases
from bot.messaging.segments import segments

SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
MIN_ANSWER_SENTENCES = 2
MAX_ANSWER_SENTENCES = 5
# Each SMS segment costs the city money: a short answer fits two, as the carrier counts them (306 GSM-7
# characters, only 134 once one character such as "á" forces UCS-2). As a first reply it must also leave room for
# the disclosure line (bot/messaging/sms_budget.py checks that against each language's disclosure).
MAX_SMS_SEGMENTS = 2
CONTACT_CENTER = "contact_center"


class Kind(str, enum.Enum):
    """What the assistant does with a service."""

    INFO = "info"
    REQUEST = "request"
    STAFF = "staff"


class Day(str, enum.Enum):
    """A day of the week, as written in the catalogue."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


class CaseField(str, enum.Enum):
    """A detail an agency needs from the resident to act on a request."""

    LOCATION = "location"
    DESCRIPTION = "description"
    CONTACT = "contact"


class _Strict(BaseModel):
    """Reject unknown keys, so that a typo in a data file is an error and not silently ignored."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False


class OpeningHours(_Strict):
    days: list[Day]
    opens: time
    closes: time

    @validator("closes")
    def _closes_after_opening(cls, closes: time, values: dict[str, Any]) -> time:
        opens = values.get("opens")
        if opens is not None and closes <= opens:
            raise ValueError("must be later than 'opens'")
        return closes


class CrisisRoute(_Strict):
    """Who answers a resident in crisis when no staff are in, and how fast staff must reach one when they are.

    The crisis lines (988, 911) answer at any hour; this names the city's own on-call line, if it has one.
    Pages to on-call staff go to the webhook in the `ONE_DOOR_CRISIS_PAGE_URL` setting, a secret, not here.
    """

    on_call_phone: str | None = None
    respond_within_minutes: PositiveInt = 5


class City(_Strict):
    name: str
    sample: bool = False
    timezone: str
    website: str
    privacy_url: str
    crisis: CrisisRoute = CrisisRoute()
    # The languages residents are answered in, codes from data/catalog/languages.yml; the first is the city's own,
    # the others each need a translation under data/catalog/<code>/.
    languages: list[str] = ["en"]

    @validator("languages")
    def _some_language(cls, languages: list[str]) -> list[str]:
        if not languages or len(set(languages)) != len(languages):
            raise ValueError("must name at least one language, each once")
        return languages


class HandoffStandard(_Strict):
    """How long a resident may wait in an agency's queue for a person (a crisis has `city.crisis` instead).

    Past `answer_within_minutes` the resident is told of the wait once and the handoff is escalated; past
    `give_up_after_minutes` the assistant takes the conversation back, apologises and files a case
    (bot/handoff_watch.py). The defaults let a catalogue written before these standards load unchanged.
    """

    answer_within_minutes: PositiveInt = 10
    give_up_after_minutes: PositiveInt = 60

    @validator("give_up_after_minutes")
    def _gives_up_after_answering(cls, give_up: int, values: dict[str, Any]) -> int:
        answer = values.get("answer_within_minutes")
        if answer is not None and give_up <= answer:
            raise ValueError("must be longer than 'answer_within_minutes'")
        return give_up


class Agency(_Strict):
    id: str
    name: str
    summary: str
    phone: str
    email: str
    website: str
    address: str
    hours: list[OpeningHours]
    handoff: HandoffStandard = HandoffStandard()


class ServiceStandard(_Strict):
    """How fast the city commits to act: the promise residents read, and numbers reports check against."""

    promise: str
    respond_within_hours: PositiveInt
    resolve_within_days: PositiveInt | None = None
    # The shorter promise for a resident who told of a baby, an older or disabled person, an illness... at home;
    # None when the service has no faster track.
    priority_promise: str | None = None


class Exclusion(_Strict):
    """A neighbouring topic a resident may confuse with this service, and the service that does handle it."""

    topic: str
    service: str


class Scope(_Strict):
    """What a service handles, in residents' words: the sub-topics people actually ask about, and its near
    neighbours that belong elsewhere. Training data and answers draw on it, so it must never be empty."""

    covers: list[str]
    excludes: list[Exclusion] = []

    @validator("covers")
    def _covers_something(cls, covers: list[str]) -> list[str]:
        if not covers or not all(topic.strip() for topic in covers):
            raise ValueError("must name at least one sub-topic, none of them blank")
        return covers


class Service(_Strict):
    id: str
    kind: Kind
    title: str
    answer: str
    bring: list[str]
    fees: str
    online: str | None = None
    in_person: str | None = None
    standard: ServiceStandard
    collect: list[CaseField] = []
    scope: Scope
    # The whole answer in at most two SMS segments (each costs the city money); the SMS channel sends it instead
    # of the answer and its details when present. Every sample service has one, in every language.
    sms_answer: str | None = None

    @validator("answer")
    def _answer_is_short(cls, answer: str) -> str:
        sentences = len(SENTENCE_END.findall(answer.strip()))
        if not MIN_ANSWER_SENTENCES <= sentences <= MAX_ANSWER_SENTENCES:
            raise ValueError(
                f"must be {MIN_ANSWER_SENTENCES} to {MAX_ANSWER_SENTENCES} short sentences, found {sentences}"
            )
        return answer.strip()

    @validator("sms_answer")
    def _sms_answer_fits(cls, sms_answer: str | None) -> str | None:
        if sms_answer is None:
            return None
        sms_answer = " ".join(sms_answer.split())
        cost = segments(sms_answer)
        if not sms_answer or cost > MAX_SMS_SEGMENTS:
            raise ValueError(f"must fit 1 to {MAX_SMS_SEGMENTS} SMS segments, takes {cost}")
        return sms_answer

    @validator("bring")
    def _bring_is_not_empty(cls, bring: list[str]) -> list[str]:
        if not bring:
            raise ValueError("must list at least one thing to have ready")
        return bring

    @validator("collect")
    def _collect_only_for_requests(cls, collect: list[CaseField], values: dict[str, Any]) -> list[CaseField]:
        kind = values.get("kind")
        if kind is Kind.REQUEST and not collect:
            raise ValueError("a request service must say what it collects")
        if kind is not Kind.REQUEST and collect:
            raise ValueError("only request services collect case details")
        return collect


class _AgenciesFile(_Strict):
    city: City
    agencies: list[Agency]


class _ServicesFile(_Strict):
    agency: str
    services: list[Service]


class CatalogError(ValueError):
    """A catalogue file is missing, unreadable or wrong; the message names the file and the field."""


@dataclass(frozen=True)
class Catalog:
    """Every agency and service the assistant knows, with the agency that owns each service."""

    city: City
    agencies: dict[str, Agency]
    services: dict[str, Service]
    owners: dict[str, str] = field(repr=False)
    # The words replies are composed from (hours, dates), in the catalogue's language.
    phrases: Phrases = field(repr=False)

    def service(self, service_id: str) -> Service | None:
        return self.services.get(service_id)

    def owner(self, service_id: str) -> Agency:
        return self.agencies[self.owners[service_id]]

    def services_of(self, agency_id: str) -> list[Service]:
        return [s for s in self.services.values() if self.owners[s.id] == agency_id]


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogError(f"{path}: cannot be read ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise CatalogError(f"{path}: is not UTF-8 text (byte {error.start})") from error
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise CatalogError(f"{path}: is not valid YAML ({error})") from error
    # PyYAML raises ValueError for a date that does not exist (2020-02-30), RecursionError for nesting deeper
    # than Python's stack.
    except (ValueError, RecursionError) as error:
        raise CatalogError(f"{path}: is not valid YAML ({type(error).__name__}: {error})") from error


def _parse(path: Path, model: type[_Strict]) -> Any:
    data = _read_yaml(path)
    try:
        return model.parse_obj(data if data is not None else {})
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}" for problem in error.errors()
        )
        raise CatalogError(f"{path}: {problems}") from error


def _unique(ids: Iterable[tuple[str, Path]], what: str) -> None:
    seen: dict[str, Path] = {}
    for item_id, path in ids:
        if item_id in seen:
            raise CatalogError(f"{path}: {what} '{item_id}' is already defined in {seen[item_id]}")
        seen[item_id] = path


def _check_exclusions(parsed: list[tuple[Path, _ServicesFile]]) -> None:
    """Each `scope.excludes` entry must send the resident to another service that exists."""
    known = {s.id for _, f in parsed for s in f.services}
    for path, services_file in parsed:
        for index, service in enumerate(services_file.services):
            for number, exclusion in enumerate(service.scope.excludes):
                where = f"{path}: services.{index}.scope.excludes.{number}.service"
                if exclusion.service not in known:
                    raise CatalogError(f"{where}: '{exclusion.service}' is not a known service")
                if exclusion.service == service.id:
                    raise CatalogError(f"{where}: a service cannot exclude itself")


def load_catalog(directory: Path) -> Catalog:
    """Load `agencies.yml` and every `services/*.yml` under `directory`.

    Raises:
        CatalogError: naming the file and the field, for any file that is missing or does not validate, and for
            services of an unknown agency or defined twice, and for a scope that excludes an unknown service.
    """
    agencies_path = directory / "agencies.yml"
    agencies_file: _AgenciesFile = _parse(agencies_path, _AgenciesFile)
    _unique(((a.id, agencies_path) for a in agencies_file.agencies), "agency")
    agencies = {a.id: a for a in agencies_file.agencies}
    if CONTACT_CENTER not in agencies:
        raise CatalogError(f"{agencies_path}: agencies: the '{CONTACT_CENTER}' agency is required")

    parsed = [(path, _parse(path, _ServicesFile)) for path in sorted((directory / "services").glob("*.yml"))]
    if not parsed:
        raise CatalogError(f"{directory / 'services'}: holds no service files")
    _unique(((s.id, path) for path, f in parsed for s in f.services), "service")
    for path, services_file in parsed:
        if services_file.agency not in agencies:
            raise CatalogError(f"{path}: agency: '{services_file.agency}' is not in {agencies_path}")
    _check_exclusions(parsed)

    try:
        phrases = load_phrases(directory)
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise CatalogError(f"{directory / PHRASES_FILE}: {error}") from error
    return Catalog(
        phrases=phrases,
        city=agencies_file.city,
        agencies=agencies,
        services={s.id: s for _, f in parsed for s in f.services},
        owners={s.id: f.agency for _, f in parsed for s in f.services},
    )
