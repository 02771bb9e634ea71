"""Time rules shared by every view: storage is UTC, display and day buckets use TIME_ZONE.

The zone and the clock are the running application's (its context owns a Clock and makes it current,
common.context.activate); outside an application: Asia/Shanghai and the real time.
"""

from contextvars import ContextVar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


class Clock:
    """TIME_ZONE, and how far the clock that stamps what happens is moved: tests and demo data replay
    days gone by (the signatures' freshness keeps the real time)."""

    def __init__(self, zone: str = "Asia/Shanghai"):
        self.zone = ZoneInfo(zone)
        self.shift = timedelta(0)


_clock: ContextVar[Clock | None] = ContextVar("clock", default=None)
_REAL_TIME = Clock()  # outside an application, never moved


def use_clock(clock: Clock) -> None:
    """clock is the one for everything started from here on (an application's, when it is made)."""
    _clock.set(clock)


def _running() -> Clock:
    return _clock.get() or _REAL_TIME


def set_clock(shift: timedelta = timedelta(0)) -> None:
    """Move the running application's clock (not the signatures' freshness); outside an application,
    this context gets a clock of its own."""
    clock = _clock.get()
    if clock is None:
        clock = Clock()
        use_clock(clock)
    clock.shift = shift


def utcnow() -> datetime:
    # Mongo keeps milliseconds; truncating here keeps a value equal after a round trip.
    now = datetime.now(UTC) + _running().shift
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def local(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(_running().zone)


def today() -> date:
    return local(utcnow()).date()


def iso(dt: datetime | None) -> str | None:
    """Local time as the original's JSON encoder wrote it: 2018-06-04T10:12:08.474 (ms only when non-zero)."""
    if dt is None:
        return None
    dt = local(dt).replace(tzinfo=None)
    text = dt.isoformat(timespec="milliseconds")  # twice as fast as strftime: lists format many
    return text if dt.microsecond >= 1000 else text[:-4]


def stamp(dt: datetime | None) -> str:
    """'%Y-%m-%d %H:%M:%S' in local time, '' when absent."""
    return local(dt).strftime("%Y-%m-%d %H:%M:%S") if dt else ""


def day(dt: datetime | None) -> str:
    return local(dt).strftime("%Y-%m-%d") if dt else ""


def day_start(d: date) -> datetime:
    """The UTC instant at which local day d begins."""
    return datetime.combine(d, time.min, tzinfo=_running().zone).astimezone(UTC)


def from_local(moment: datetime) -> datetime:
    """The UTC instant of a TIME_ZONE wall-clock time (naive), or of an aware one."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_running().zone)
    return moment.astimezone(UTC)


def day_range(d: date) -> tuple[datetime, datetime]:
    return day_start(d), day_start(d + timedelta(days=1))


def days_ago(dt: datetime) -> int:
    """Whole calendar days between dt's local date and today (0 = today)."""
    return (today() - local(dt).date()).days


def contact_time(dt: datetime) -> str:
    """Contact-list time: today HH:MM, yesterday 昨天, this year MM-DD, else the year."""
    moment = local(dt)
    days = days_ago(dt)
    if days == 0:
        return moment.strftime("%H:%M")
    if days == 1:
        return "昨天"
    if moment.year == today().year:
        return moment.strftime("%m-%d")
    return moment.strftime("%Y")


def follow_texts(last_follow: datetime | None) -> tuple[str, str]:
    """(last_follow_time, follow_status) texts of the address book."""
    if last_follow is None:
        return "", "未跟进过"
    days = days_ago(last_follow)
    if days <= 0:
        return "今天", "今天跟进"
    if days == 1:
        return "昨天", "昨天已跟进"
    return f"{days}天前", day(last_follow)


def activity_text(last_activity: datetime | None) -> str:
    if last_activity is None:
        return ""
    days = days_ago(last_activity)
    if days <= 0:
        return "今天"
    if days == 1:
        return "昨天"
    return day(last_activity)


def stay_text(seconds: int) -> str | int:
    """A stay time as the original shows it: 5秒, 2分40秒, 3分钟, 1小时2分5秒, 1小时2分钟, 1小时; and the
    integer 0 for no time at all (as the seed prints it). An hour and seconds without minutes,
    which the original could not say, reads 1小时5秒."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if not (hours or minutes or secs):
        return 0
    text = f"{hours}小时" if hours else ""
    if minutes:
        text += f"{minutes}分{secs}秒" if secs else f"{minutes}分钟"
    elif secs:
        text += f"{secs}秒"
    return text
