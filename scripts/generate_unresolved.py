"""Fill a database with a made-up month of unresolved messages, feedback, handoffs and cases, for the report.

The messages are what a city assistant plausibly fails on: questions for other authorities or about rules the
city has not written down, asked many ways, with a storm that brings a burst of school and power questions,
city services phrased too oddly for the classifier, noise and keyboard slips. With `--trackers` it also writes
Rasa-shaped `events` rows, so that fallback rates have a denominator. Everything comes from one seed.

    python scripts/generate_unresolved.py --url sqlite:///var/demo.db --trackers sqlite:///var/demo-trackers.db
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import cast

from sqlalchemy import insert
from sqlalchemy.engine import Engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import migrate  # noqa: E402
from bot.cases import CaseRecord, CaseStatus, CaseUpdateRecord  # noqa: E402
from bot.catalog import Catalog, Kind, load_catalog  # noqa: E402
from bot.db import Database, make_engine  # noqa: E402
from bot.feedback import FeedbackRecord  # noqa: E402
from bot.handoff_records import HandoffReason, HandoffRecord, HandoffStatus  # noqa: E402
from bot.references import new_reference  # noqa: E402
from bot.tracker_store import EVENTS  # noqa: E402
from bot.settings import get_settings  # noqa: E402
from bot.unresolved import Outcome, UnresolvedKind, UnresolvedRecord  # noqa: E402

DAYS = 30
CHANNELS = {"webchat": 0.5, "sms": 0.3, "telegram": 0.15, "rest": 0.05}
# Each theme: how the question is asked, and words that vary in it. Weights fall off like real demand.
THEMES = {
    "passport": ["how do i renew my {x}", "where can i apply for a {x}", "{x} renewal office hours",
                 "lost my {x} what now", "do you do {x} photos", "need a {x} fast for a trip",
                 "can my kid get a {x} here", "how long does a {x} take"],
    "dmv": ["how do i renew my {y}", "where is the dmv", "book a road test", "my {y} expired",
            "dmv appointment", "replace a lost {y}", "learner's permit for my son", "real id appointment"],
    "school": ["are schools closed {t}", "is there school {t}", "snow day {t}?", "school delay {t}",
               "are classes cancelled {t}", "will buses run for school {t}", "is the elementary school open {t}"],
    "power": ["power is out on my street", "no electricity since {s}", "when will the power come back",
              "power outage in my area", "who do i call about a blackout", "electric company outage map",
              "lights out on the whole block"],
    "unemployment": ["how do i apply for unemployment", "my unemployment claim was denied",
                     "when will my unemployment payment come", "i lost my job, can i get benefits",
                     "unemployment office phone number", "certify weekly unemployment claim"],
    "yard_sale": ["do i need a permit for a {z}", "can i have a {z} this weekend", "rules for a {z}",
                  "signs for my {z}", "how many {z}s a year are allowed"],
    "chickens": ["can i keep {c} in my backyard", "are backyard {c} allowed", "how many {c} can i have",
                 "permit for keeping {c}", "neighbour keeps {c}, is that legal"],
    "ev": ["where are the ev chargers", "electric car charging stations downtown", "is the city charger free",
           "can i install a car charger on my street", "charging station at the library is broken"],
    "airbnb": ["can i rent my house on airbnb", "short term rental rules", "do i need a licence for airbnb",
               "my neighbour runs an airbnb, is that allowed", "register a vacation rental"],
    "fishing": ["where do i buy a {f} license", "{f} license price", "do kids need a {f} license",
                "renew my {f} licence online"],
    "library": ["my library card expired", "how do i renew library books", "library fines",
                "library opening hours", "lost library book what do i pay"],
    "internet": ["my internet is down", "is there a cable outage", "wifi not working in my area",
                 "who fixes the internet lines", "free public wifi spots"],
}
FILLERS = {"x": ["passport", "passport book", "passport card"], "y": ["driver's license", "drivers licence",
           "license"], "t": ["today", "tomorrow", "this morning", "because of the snow", "because of the storm"],
           "s": ["last night", "this morning", "yesterday", "the storm"],
           "z": ["yard sale", "garage sale"], "c": ["chickens", "hens", "ducks"], "f": ["fishing", "hunting"]}
STORM_THEMES = ("school", "power")
STORM_DAYS = (12, 13)
OPENERS = ["", "", "", "hi ", "hello, ", "quick question: ", "excuse me ", "hey "]
CLOSERS = ["", "", "", "?", " please", " thanks", " asap", "??", " for my mom", " - call me on [PHONE]"]
MISUNDERSTOOD = [
    "the light thing on the corner keeps blinking", "bin guy skipped us again", "water tastes funny lately",
    "parking thing on my car", "the big hole by the school", "need paper for my house build",
    "they took my car from the street", "the tree is leaning on the wire", "rats again behind the shop",
    "my heater is dead and the landlord ignores me", "where do i vote this year", "paint on the wall downtown",
    "the sign at the crossing fell over", "court letter came what do i do", "paid the ticket twice",
    "how much is the thing for the dog", "the water bill doubled", "bus schedule for sunday",
]
NOISE = ["hi", "hello", "ok", "?", "asdf", "lol", "nvm", "agent", "human please", "you are useless", "thanks",
         "what", "test", "huh", "👍", "speak to someone", "this is not helpful", "my email is [EMAIL]", "yes",
         "no", "stop"]


def message_text(rng: random.Random, day: int) -> tuple[str, UnresolvedKind]:
    """One message and the kind of record it would make; a storm brings its own questions."""
    roll = rng.random()
    if roll < 0.62:
        names = list(THEMES)
        weights = [1 / (rank + 1) for rank in range(len(names))]
        theme = rng.choice(STORM_THEMES) if day in STORM_DAYS and rng.random() < 0.6 else rng.choices(names, weights)[0]
        core = rng.choice(THEMES[theme]).format(**{key: rng.choice(words) for key, words in FILLERS.items()})
        text = rng.choice(OPENERS) + core + rng.choice(CLOSERS)
        kind = rng.choices(list(UnresolvedKind), [0.5, 0.45, 0.05])[0]
    elif roll < 0.82:
        text, kind = rng.choice(MISUNDERSTOOD) + rng.choice(CLOSERS), UnresolvedKind.FALLBACK
    elif roll < 0.92:
        text, kind = rng.choice(NOISE), UnresolvedKind.FALLBACK
    else:  # a slip of the keyboard, like no other message
        text = "".join(rng.choice("qwertyuiopasdfghjklzxcvbnm") for _ in range(rng.randint(4, 10)))
        kind = UnresolvedKind.FALLBACK
    return (text.upper() if rng.random() < 0.03 else text), kind


def moment(rng: random.Random, end: datetime, day: int) -> datetime:
    """A time on day `day` of the month that ends at `end` (day 0 the oldest), busier by day than at night."""
    hour = rng.choices(range(24), [1] * 7 + [4] * 12 + [2] * 5)[0]
    at = (end - timedelta(days=DAYS - 1 - day)).replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
    return min(at, end)


def unresolved_rows(rng: random.Random, catalog: Catalog, count: int, end: datetime) -> list[dict[str, object]]:
    services = sorted(catalog.services)
    rows: list[dict[str, object]] = []
    for _ in range(count):
        day = rng.choices(range(DAYS), [3 if d in STORM_DAYS else 1 for d in range(DAYS)])[0]
        text, kind = message_text(rng, day)
        guesses = sorted((rng.uniform(0.05, 0.3) for _ in range(3)), reverse=True)
        rows.append({
            "at": moment(rng, end, day), "channel": rng.choices(list(CHANNELS), list(CHANNELS.values()))[0],
            "conversation_id": f"{rng.getrandbits(64):016x}", "text": text, "kind": kind,
            "top_intents": json.dumps([[rng.choice(services), round(g, 4)] for g in guesses]),
            "outcome": rng.choice(list(Outcome)),
        })
    return rows


def feedback_rows(rng: random.Random, catalog: Catalog, count: int, end: datetime) -> list[dict[str, object]]:
    services = sorted(catalog.services)
    helped = {agency: rng.uniform(0.5, 0.95) for agency in sorted(catalog.agencies)}
    rows: list[dict[str, object]] = []
    for _ in range(count):
        service = rng.choice(services)
        agency = catalog.owners[service]
        rows.append({"at": moment(rng, end, rng.randrange(DAYS)), "channel": rng.choice(list(CHANNELS)),
                     "conversation_id": f"{rng.getrandbits(64):016x}", "service_id": service, "agency_id": agency,
                     "helpful": rng.random() < helped[agency]})
    return rows


def handoff_rows(rng: random.Random, catalog: Catalog, count: int, end: datetime) -> list[dict[str, object]]:
    staff = sorted(s.id for s in catalog.services.values() if s.kind is Kind.STAFF)
    rows: list[dict[str, object]] = []
    for index in range(count):
        service = rng.choice(staff) if rng.random() < 0.6 else None
        created = moment(rng, end, rng.randrange(DAYS))
        claimed = created + timedelta(minutes=rng.lognormvariate(3, 1.2))
        waiting = claimed > end or rng.random() < 0.05
        rows.append({
            "conversation_id": f"h{index}", "channel": rng.choice(list(CHANNELS)), "service_id": service,
            "agency_id": catalog.owners[service] if service else "contact_center",
            "reason": HandoffReason.STAFF_SERVICE if service else HandoffReason.MISUNDERSTOOD, "priority": 10,
            "status": HandoffStatus.WAITING if waiting else HandoffStatus.CLOSED, "note": "",
            "created_at": created, "claimed_at": None if waiting else claimed,
        })
    return rows


def add_cases(database: Database, rng: random.Random, catalog: Catalog, count: int, end: datetime) -> None:
    requests = sorted(s.id for s in catalog.services.values() if s.kind is Kind.REQUEST)
    with database.transaction() as session:
        for index in range(count):
            service = rng.choice(requests)
            created = moment(rng, end, rng.randrange(DAYS))
            resolved = created + timedelta(days=rng.lognormvariate(1, 0.9))
            status = CaseStatus.RESOLVED if resolved < end else CaseStatus.IN_PROGRESS
            case = CaseRecord(reference=new_reference(), service_id=service, agency_id=catalog.owners[service],
                              status=status, channel=rng.choice(list(CHANNELS)), conversation_id=f"c{index}",
                              created_at=created, updated_at=min(resolved, end))
            case.updates.append(CaseUpdateRecord(status=CaseStatus.OPEN, at=created, note=""))
            if status is CaseStatus.RESOLVED:
                case.updates.append(CaseUpdateRecord(status=status, at=resolved, note="done"))
            session.add(case)


def tracker_rows(rng: random.Random, unresolved: list[dict[str, object]]) -> list[dict[str, object]]:
    """About twelve resident messages for every unresolved one, each followed by the bot's reply."""
    rows: list[dict[str, object]] = []
    for item in unresolved:
        at = cast(datetime, item["at"])
        for _ in range(rng.randint(6, 18)):
            stamp = at.timestamp() + rng.uniform(-3600, 3600)
            user = {"event": "user", "timestamp": stamp, "text": "…", "input_channel": item["channel"]}
            rows.append({"sender_id": item["conversation_id"], "type_name": "user", "timestamp": stamp,
                         "intent_name": None, "action_name": None, "data": json.dumps(user)})
            rows.append({"sender_id": item["conversation_id"], "type_name": "bot", "timestamp": stamp + 0.1,
                         "intent_name": None, "action_name": None, "data": json.dumps({"event": "bot"})})
    return rows


def generate(url: str, trackers: str | None, count: int, end: datetime, seed: int = 5) -> None:
    """Migrate `url` and fill it with a month ending at `end`; fill `trackers` with events if given."""
    migrate.upgrade(url)
    rng = random.Random(seed)
    catalog = load_catalog(get_settings().catalog_dir)
    database = Database(make_engine(url))
    unresolved = unresolved_rows(rng, catalog, count, end)
    with database.transaction() as session:
        session.execute(insert(UnresolvedRecord), unresolved)
        session.execute(insert(FeedbackRecord), feedback_rows(rng, catalog, count // 3, end))
        session.execute(insert(HandoffRecord), handoff_rows(rng, catalog, count // 20, end))
    add_cases(database, rng, catalog, count // 12, end)
    if trackers:
        write_events(make_engine(trackers), tracker_rows(rng, unresolved))


def write_events(engine: Engine, rows: list[dict[str, object]]) -> None:
    EVENTS.create(engine, checkfirst=True)
    with engine.begin() as connection:
        connection.execute(insert(EVENTS), rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="One Door database URL (migrated if needed)")
    parser.add_argument("--trackers", help="tracker store URL to write Rasa-shaped events into")
    parser.add_argument("--count", type=int, default=5000, help="unresolved messages to make")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    generate(args.url, args.trackers, args.count, datetime.now(timezone.utc), args.seed)
    print(f"generated {args.count} unresolved messages in {args.url}")


if __name__ == "__main__":
    main()
