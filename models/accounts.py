"""Passwords, tokens, login attempts and the public-parameter signature (rand_str = md5(timestamp + token))."""

import asyncio
import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from pymongo import ReturnDocument

from common.context import current
from common.errors import disabled, not_authenticated, too_many
from common.times import utcnow

PRODUCTION_SCRYPT_N = 2**14
SCRYPT = {"r": 8, "p": 1, "dklen": 32}  # N is SCRYPT_N for new hashes; each stored hash keeps its own
STATUS_ENABLED, STATUS_DISABLED = 1, 2
STATUS_TEXT = {STATUS_ENABLED: "启用", STATUS_DISABLED: "未启用"}
DEFAULT_AVATAR = "statics/imgs/setAvator.jpg"
PUBLIC_PARAMS = ("rand_str", "timestamp", "user_id")
ROOMS = {"user": "users", "customer": "customers", "company": "companies", "role": "roles"}
# Password guessing: the attempts of one username from one address within the window, counted
# before the password is checked; past the limit the password is not even looked at.
MAX_LOGIN_ATTEMPTS = 5
LOGIN_WINDOW = timedelta(minutes=15)


def scrypt_cost() -> int:
    """SCRYPT_N of the running application: new hashes use it; each stored hash keeps (and is checked
    with) its own cost."""
    app = current()
    return app.cfg.scrypt_n if app is not None else PRODUCTION_SCRYPT_N


def new_token() -> str:
    return secrets.token_hex(16)


def _scrypt(password: str, salt: bytes, n: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=SCRYPT["r"], p=SCRYPT["p"], dklen=SCRYPT["dklen"],
                          maxmem=256 * 1024 * 1024)


# scrypt costs ~50 ms of CPU at the production cost: never on the IOLoop, and in a pool of its own, so a
# wave of logins queues behind itself, not in front of images or the disk (nor they in front of it).
PASSWORD_THREADS = 2
_password_work = ThreadPoolExecutor(PASSWORD_THREADS, thread_name_prefix="passwords")


async def _run(function, *args):
    return await asyncio.get_running_loop().run_in_executor(_password_work, function, *args)


async def hash_password(password: str, n: int | None = None) -> str:
    """scrypt$<n>$<salt>$<digest> with a per-user salt; n: the cost (the application's by default)."""
    n = n or scrypt_cost()
    salt = secrets.token_bytes(16)
    digest = await _run(_scrypt, password, salt, n)
    return f"scrypt${n}${salt.hex()}${digest.hex()}"


def _parse_hash(stored: str | None) -> tuple[int, bytes, str] | None:
    parts = (stored or "").split("$")
    if parts[0] != "scrypt" or len(parts) not in (3, 4):
        return None
    n = int(parts[1]) if len(parts) == 4 else PRODUCTION_SCRYPT_N  # hashes from before the cost was stored
    return n, bytes.fromhex(parts[-2]), parts[-1]


async def check_password(password: str, stored: str | None) -> bool:
    parsed = _parse_hash(stored)
    if parsed is None:
        return False
    n, salt, digest = parsed
    actual = await _run(_scrypt, password, salt, n)
    return hmac.compare_digest(actual.hex(), digest)


async def spend_a_password_check(password: str) -> None:
    """What checking a real user's password costs, for a username that does not exist: an unknown
    name must answer as slowly as a known one, or the timing tells which names exist. (A hash of
    nothing at this cost: only its cost matters.)"""
    await check_password(password, f"scrypt${scrypt_cost()}${'00' * 16}${'00' * 32}")


async def count_login_attempt(db, username: str, address: str) -> int:
    """Count this attempt (atomically, before any check) and return how many this username has had
    from this address within the window, this one included."""
    now = utcnow()
    live = {"$gt": ["$expires_at", now]}
    entry = await db.login_attempts.find_one_and_update(
        {"_id": f"{username}\n{address}"},
        [{"$set": {"n": {"$cond": [live, {"$add": [{"$ifNull": ["$n", 0]}, 1]}, 1]},
                   "expires_at": {"$cond": [live, "$expires_at", now + LOGIN_WINDOW]}}}],
        upsert=True, return_document=ReturnDocument.AFTER)
    return entry["n"]


async def forget_login_attempts(db, username: str, address: str) -> None:
    await db.login_attempts.delete_one({"_id": f"{username}\n{address}"})


def sign(timestamp: str, token: str) -> str:
    return hashlib.md5((timestamp + token).encode()).hexdigest()


class AccountCache:
    """Radar users, customers, companies and roles by id, as every request and socket frame needs them.

    Coherent within the process: every write through our models drops the entry (forget), so a
    disabled user or a new password acts on the very next request. Writes from outside (another
    instance, the CLI) are seen within ACCOUNT_CACHE_TTL_S. The most recently used max_entries
    are kept (LRU); misses are not cached."""

    def __init__(self, ttl_s: float = 5.0, max_entries: int = 10_000):
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple, tuple[dict, float]] = OrderedDict()

    def _fresh(self, key: tuple, now: float) -> dict | None:
        entry = self.entries.get(key)
        if entry is None or entry[1] <= now:
            return None
        self.entries.move_to_end(key)
        return dict(entry[0])

    def _keep(self, key: tuple, document: dict, now: float) -> dict:
        self.entries[key] = (document, now + self.ttl_s)
        self.entries.move_to_end(key)
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)
        return dict(document)

    async def get(self, db, room: str, account_id: int) -> dict | None:
        key = (db.name, room, account_id)
        now = time.monotonic()
        cached = self._fresh(key, now)
        if cached is not None:
            return cached
        document = await db[ROOMS[room]].find_one({"_id": account_id})
        if document is None:
            self.entries.pop(key, None)
            return None
        return self._keep(key, document, now)

    async def get_many(self, db, room: str, account_ids) -> dict:
        """{id: account} of those that exist, the ones not cached fetched in one query."""
        now = time.monotonic()
        found, missing = {}, []
        for account_id in account_ids:
            cached = self._fresh((db.name, room, account_id), now)
            if cached is None:
                missing.append(account_id)
            else:
                found[account_id] = cached
        if missing:
            for document in await db[ROOMS[room]].find({"_id": {"$in": missing}}).to_list():
                found[document["_id"]] = self._keep((db.name, room, document["_id"]), document, now)
        return found

    def cached(self, db, room: str, account_id: int) -> dict | None:
        return self._fresh((db.name, room, account_id), time.monotonic())

    def forget(self, db, room: str, *account_ids: int) -> None:
        for account_id in account_ids:
            self.entries.pop((db.name, room, account_id), None)

    def forget_company(self, db, room: str, company_id: int) -> None:
        """Many accounts of a company changed at once (a tag pulled from every customer...)."""
        for key in [key for key, (document, _expires) in self.entries.items()
                    if key[:2] == (db.name, room) and document.get("company_id") == company_id]:
            del self.entries[key]


def _cache() -> AccountCache:
    """The running application's cache; outside one, a cache that keeps nothing."""
    app = current()
    return app.accounts if app is not None else AccountCache(ttl_s=0, max_entries=0)


async def load(db, room: str, account_id: int) -> dict | None:
    """The account (room: "user", "customer", "company" or "role") by id, from the cache."""
    return await _cache().get(db, room, account_id)


async def load_many(db, room: str, account_ids) -> dict:
    """{id: account} for many ids at once (sockets that connect together)."""
    return await _cache().get_many(db, room, account_ids)


def cached(db, room: str, account_id: int) -> dict | None:
    """The account if the cache has it fresh, without asking the database."""
    return _cache().cached(db, room, account_id)


def forget(db, room: str, *account_ids: int) -> None:
    """After a write to these accounts: the next read sees it."""
    _cache().forget(db, room, *account_ids)


def forget_company(db, room: str, company_id: int) -> None:
    """After a write to many accounts of a company at once (a tag pulled from every customer...)."""
    _cache().forget_company(db, room, company_id)


async def verify_public_params(db, room: str, params: dict, *, guard, replay_key: bytes | None,
                               check_status: bool, load=load) -> dict:
    """The account (a radar user or a customer, by room) named by user_id if rand_str ==
    md5(timestamp + its token), fresh, within its rate and not a replay (common.signatures.SignatureGuard).
    replay_key: what the request is, for a write (None for a read). load(db, room, id): how the
    account is fetched (sockets that connect fetch theirs in batches).

    Any failure of the signature answers the same 404 so a caller cannot tell which part was wrong;
    an account past its rate gets 429."""
    rand_str = (params.get("rand_str") or "").lower()
    timestamp = params.get("timestamp") or ""
    try:
        account_id = int(params.get("user_id") or "")
        sent_ms = int(timestamp)
    except ValueError:
        raise not_authenticated() from None
    if not 0 < account_id < 2**63:  # ids are int64 in the database
        raise not_authenticated()
    now_ms = time.time() * 1000
    if not guard.fresh(sent_ms, now_ms):
        raise not_authenticated()
    account = await load(db, room, account_id)
    if not account or not account.get("token"):
        raise not_authenticated()
    if not hmac.compare_digest(sign(timestamp, account["token"]), rand_str):
        raise not_authenticated()
    if not guard.within_rate((room, account_id)):
        raise too_many()
    if not guard.admit((room, account_id), rand_str, sent_ms, replay_key, now_ms):
        raise not_authenticated()
    if check_status and account.get("status") == STATUS_DISABLED:
        raise disabled()
    return account
