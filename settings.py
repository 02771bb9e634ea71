"""Every setting of the server, read from the environment once, with defaults.

Nothing else in the code base reads os.environ: code receives a Settings object.
"""

import dataclasses
import functools
import os
from pathlib import Path

from common.net import parse_networks

ROOT = Path(__file__).resolve().parent


@dataclasses.dataclass(frozen=True)
class Settings:
    port: int = 8000
    host: str = "0.0.0.0"
    mongo_uri: str = ""  # empty: start the embedded mongoeco server
    mongo_db: str = "radar"
    data_dir: str = str(ROOT / "data")
    embedded_db_port: int = 0  # 0: any free port on 127.0.0.1
    time_zone: str = "Asia/Shanghai"
    log_level: str = "INFO"
    auth_window_s: int = 600
    auth_future_s: int = 60  # how far ahead of our clock a request's timestamp may be
    signature_memory: int = 200_000  # signatures remembered against replays, all accounts together
    signed_requests_per_s: float = 20.0  # per account, REST calls and socket frames together
    signed_requests_burst: int = 200
    scrypt_n: int = 2**14  # password hashing cost (scrypt N); each stored hash keeps its own
    account_cache_ttl_s: float = 5.0  # how soon writes from outside this process reach cached accounts
    id_block_size: int = 100  # ids a process reserves per round trip
    trusted_proxies: str = ""  # comma-separated addresses/networks whose X-Forwarded-For is believed
    max_body_bytes: int = 1024 * 1024  # JSON and form routes; uploads: upload_max_bytes
    http_idle_timeout_s: float = 75.0
    http_body_timeout_s: float = 30.0
    ws_idle_timeout_s: float = 120.0
    ws_ping_interval_s: float = 30.0
    ws_max_buffer_bytes: int = 1024 * 1024
    ws_max_message_bytes: int = 64 * 1024
    ws_register_timeout_s: float = 10.0
    scan_login_ttl_s: float = 120.0
    scan_qr_per_minute: float = 10.0
    anonymous_sockets_per_address: int = 20
    anonymous_sockets_max: int = 2000
    chat_messages_per_s: float = 3.0
    chat_burst: int = 20
    repeat_window_s: float = 60.0  # the same action by a customer on the same target counts once within it
    customer_events_per_minute: float = 60.0  # actions, article reads, forwards, stay reports per customer
    customer_events_burst: int = 30
    ai_pr_fit_every_s: float = 21600.0  # how often each company's AI 成交率 weights are fitted again (0: never)
    ai_pr_min_outcomes: int = 20  # won and as many lost customers a company needs before its own weights
    stats_push_interval_s: float = 3.0  # at most one "stats" push per company this often
    export_max_rows: int = 100_000  # the largest export; more answers 301 (narrow the filters)
    upload_max_bytes: int = 10 * 1024 * 1024
    upload_max_chunks: int = 100
    upload_chunk_ttl_s: int = 3600
    upload_quota_bytes: int = 200 * 1024 * 1024
    public_base_url: str = "http://127.0.0.1:8000"
    frontend_url: str = ""
    wechat_api_base: str = "https://api.weixin.qq.com"
    wecom_api_base: str = "https://qyapi.weixin.qq.com"
    wechat_mini_appid: str = ""
    wechat_mini_secret: str = ""
    wechat_gzh_appid: str = ""  # official account for companies without their own
    wechat_gzh_secret: str = ""
    wechat_component_appid: str = ""
    wechat_timeout_s: float = 10.0
    metrics_token: str = ""  # empty: no /metrics
    shutdown_grace_s: float = 10.0  # how long SIGTERM waits for requests in flight

    @functools.cached_property
    def trusted_networks(self) -> tuple:
        return parse_networks(self.trusted_proxies)

    @property
    def statics_dir(self) -> Path:
        return Path(self.data_dir) / "statics"

    @property
    def embedded_db_path(self) -> Path:
        return Path(self.data_dir) / "radar.sqlite3"

    @property
    def embedded_db_files(self) -> list[Path]:
        """The database file and SQLite's write-ahead log and shared memory beside it."""
        path = self.embedded_db_path
        return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]

    @property
    def upload_tmp_dir(self) -> Path:
        return Path(self.data_dir) / "tmp" / "chunks"

    @classmethod
    def from_env(cls, env=None, **overrides) -> "Settings":
        env = os.environ if env is None else env
        values = {}
        for field in dataclasses.fields(cls):
            raw = env.get(field.name.upper())
            if raw is None or raw == "":
                continue
            kind = type(field.default)
            try:
                values[field.name] = kind(raw)
            except ValueError as error:
                raise SystemExit(f"setting {field.name.upper()}={raw!r}: expected {kind.__name__}") from error
        if "public_base_url" not in values and "port" in values:  # the default follows PORT
            values["public_base_url"] = f"http://127.0.0.1:{values['port']}"
        values.update(overrides)
        return cls(**values)


def describe() -> list[tuple[str, object]]:
    """(ENV_NAME, default) for every setting, used by the README check."""
    return [(f.name.upper(), f.default) for f in dataclasses.fields(Settings)]
