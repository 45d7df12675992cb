"""Benchmark: a burst of messages into one conversation, through Rasa's conversation lock.

Four messages of one conversation arrive together (a resident tapping a button twice and typing, or an SMS split
in parts); each is handled for `--hold` seconds while it holds the lock, as Rasa does. Rasa's agent polls a busy
lock every second, so the last message of the burst waited up to three seconds more than its handling took; One
Door's lock store (channels/lock_store.py) polls every ONE_DOOR_LOCK_POLL_SECONDS. Prints when each message got
the lock, with Rasa's one-second poll and with One Door's, in memory and in Redis when `--redis` is given.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.settings import Settings  # noqa: E402
from channels.lock_store import ConfiguredLockStore  # noqa: E402


async def burst(store: ConfiguredLockStore, messages: int, hold: float) -> list[float]:
    """Seconds from the burst's start until each message had been handled."""
    start = time.perf_counter()
    done: list[float] = []

    async def handle(index: int) -> None:
        await asyncio.sleep(index * 0.001)  # they arrive in order, a millisecond apart
        async with store.lock("burst-conversation"):
            await asyncio.sleep(hold)
        done.append(time.perf_counter() - start)

    await asyncio.gather(*(handle(index) for index in range(messages)))
    return sorted(done)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=4)
    parser.add_argument("--hold", type=float, default=0.1, help="seconds each message holds the lock")
    parser.add_argument("--redis", help="a Redis URL (use a database of its own), to measure the Redis store too")
    args = parser.parse_args()
    print(f"{args.messages} messages into one conversation, each handled in {args.hold:.2f} s; "
          f"ideal: last done at {args.messages * args.hold:.2f} s")
    for redis_url in [""] + ([args.redis] if args.redis else []):
        for poll in (1.0, Settings().lock_poll_seconds):
            store = ConfiguredLockStore(settings=Settings(redis_url=redis_url, lock_poll_seconds=poll))
            done = asyncio.run(burst(store, args.messages, args.hold))
            where = "redis " if redis_url else "memory"
            print(f"{where} poll {poll:.2f} s: done at " + ", ".join(f"{moment:.2f}" for moment in done) + " s")


if __name__ == "__main__":
    main()
