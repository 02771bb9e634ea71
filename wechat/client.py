"""Async client for WeChat (mini-program, official account) and WeCom.

Base URLs come from settings (WECHAT_API_BASE, WECOM_API_BASE) so tests run it against a fake
server. Access tokens and JS-SDK tickets are cached in MongoDB until shortly before they expire,
and fetched once however many requests need one at the same moment (each fetch of a token
invalidates the one before it, and WeChat limits fetches per day); a call that fails with an
expired-token errcode refetches the token and retries once.
Every failure becomes an ApiError envelope: 301 for WeChat's own errors, 503 when it is
unreachable or slow.
"""

import asyncio
import hashlib
import json
import logging
import urllib.parse

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from common.errors import ApiError
from models import wechat_tokens
from models.companies import not_configured

log = logging.getLogger("radar.wechat")

TOKEN_ERRCODES = {40001, 40014, 42001}  # invalid credential / invalid token / token expired


class WeChatError(ApiError):
    def __init__(self, errcode: int, errmsg: str, field: str | None = None):
        prefix = f"{field}: " if field else ""
        super().__init__(301, f"{prefix}微信接口错误 {errcode}: {errmsg}")
        self.errcode = errcode


class WeChatUnavailable(ApiError):
    def __init__(self, reason: str):
        super().__init__(503, f"微信服务暂时不可用: {reason}")


class WeChatClient:
    def __init__(self, cfg, db):
        self.cfg = cfg
        self.db = db
        self.http = AsyncHTTPClient(force_instance=True)
        self.fetching: dict[str, asyncio.Future] = {}  # cache key -> the fetch in flight

    def close(self) -> None:
        self.http.close()

    # ----- transport ---------------------------------------------------------------------------
    async def request(self, base: str, path: str, params: dict, body: dict | None = None, *, field=None):
        """JSON (a dict) or, for image endpoints, raw bytes. errcode != 0 raises WeChatError."""
        url = f"{base.rstrip('/')}/{path.lstrip('/')}?{urllib.parse.urlencode(params)}"
        request = HTTPRequest(
            url, method="POST" if body is not None else "GET",
            body=json.dumps(body, ensure_ascii=False).encode() if body is not None else None,
            headers={"Content-Type": "application/json"} if body is not None else None,
            connect_timeout=self.cfg.wechat_timeout_s, request_timeout=self.cfg.wechat_timeout_s,
        )
        try:
            response = await self.http.fetch(request)
        except HTTPClientError as error:
            raise WeChatUnavailable(f"HTTP {error.code}") from None
        except OSError as error:
            raise WeChatUnavailable(type(error).__name__) from None
        content_type = response.headers.get("Content-Type", "")
        if content_type.startswith("image/"):
            return response.body
        try:
            data = json.loads(response.body)
        except ValueError:
            raise WeChatUnavailable("无法解析的应答") from None
        if not isinstance(data, dict):
            raise WeChatUnavailable("无法解析的应答")
        if data.get("errcode"):
            log.info("wechat %s -> %s %s", path, data.get("errcode"), data.get("errmsg"))
            raise WeChatError(data["errcode"], data.get("errmsg", ""), field)
        return data

    # ----- cached credentials ------------------------------------------------------------------
    async def cached(self, key: str, fetch, value_field: str, refresh: bool = False) -> str:
        """A token or ticket from the cache, fetched (and stored until expiry) when absent or stale."""
        if not refresh:
            value = await wechat_tokens.fresh(self.db, key)
            if value:
                return value
        flight = self.fetching.get(key)
        if flight is None:
            flight = self.fetching[key] = asyncio.ensure_future(self._fetch_and_keep(key, fetch, value_field))
            flight.add_done_callback(lambda done: self._landed(key, done))
        # shield: a caller that goes away does not cancel the fetch the others wait for
        return await asyncio.shield(flight)

    def _landed(self, key: str, flight: asyncio.Future) -> None:
        self.fetching.pop(key, None)
        if not flight.cancelled():
            flight.exception()  # its callers have the error; none left is no reason to log it

    async def _fetch_and_keep(self, key: str, fetch, value_field: str) -> str:
        data = await fetch()
        value = data[value_field]
        await wechat_tokens.keep(self.db, key, value, int(data.get("expires_in", 7200)))
        return value

    async def with_token(self, token_of, call):
        """call(token); when WeChat says the token is bad or expired, refetch it and retry once."""
        token = await token_of(False)
        try:
            return await call(token)
        except WeChatError as error:
            if error.errcode not in TOKEN_ERRCODES:
                raise
        return await call(await token_of(True))

    # ----- mini-program ------------------------------------------------------------------------
    def app_credentials(self, company: dict, kind: str) -> tuple[str, str, str]:
        """(appid, secret, whose) of the company's app of this kind ("mini", "gzh"), else the settings'
        (WECHAT_MINI_*, WECHAT_GZH_*): whose is "company" or "settings"."""
        appid, secret = company.get(f"{kind}_appid"), company.get(f"{kind}_secret")
        if appid and secret:
            return appid, secret, "company"
        appid, secret = getattr(self.cfg, f"wechat_{kind}_appid"), getattr(self.cfg, f"wechat_{kind}_secret")
        if not appid or not secret:
            raise not_configured(f"{kind}_appid", f"{kind}_secret")
        return appid, secret, "settings"

    def mini_credentials(self, company: dict) -> tuple[str, str]:
        return self.app_credentials(company, "mini")[:2]

    async def jscode2session(self, company: dict, js_code: str) -> dict:
        appid, secret = self.mini_credentials(company)
        return await self.request(self.cfg.wechat_api_base, "/sns/jscode2session", {
            "appid": appid, "secret": secret, "js_code": js_code, "grant_type": "authorization_code",
        }, field="js_code")

    async def _client_token(self, appid: str, secret: str, refresh: bool) -> str:
        """The mini-program / official-account access token (cgi-bin/token)."""
        async def fetch():
            return await self.request(self.cfg.wechat_api_base, "/cgi-bin/token",
                                      {"grant_type": "client_credential", "appid": appid, "secret": secret})
        return await self.cached(f"wechat:{appid}:{_fingerprint(secret)}", fetch, "access_token", refresh)

    async def client_token(self, appid: str, secret: str) -> str:
        """A mini-program / official-account token for these credentials (cached, or fetched: which
        proves them); WeChatError when WeChat refuses them."""
        return await self._client_token(appid, secret, False)

    async def wxacode_unlimited(self, company: dict, scene: str, page: str) -> bytes:
        appid, secret = self.mini_credentials(company)

        async def call(token):
            return await self.request(self.cfg.wechat_api_base, "/wxa/getwxacodeunlimit", {"access_token": token},
                                      {"scene": scene, "page": page, "width": 430, "check_path": False})
        image = await self.with_token(lambda refresh: self._client_token(appid, secret, refresh), call)
        if not isinstance(image, bytes):
            raise WeChatUnavailable("小程序码接口没有返回图片")
        return image

    # ----- official account --------------------------------------------------------------------
    def official_credentials(self, company: dict) -> tuple[str, str]:
        return self.app_credentials(company, "gzh")[:2]

    async def official_reader(self, company: dict, code: str) -> dict:
        """A reader's web-OAuth code -> {"openid", and when the scope allows it "nickname", "headimgurl",
        "sex", "province", "city"}. A code of the silent snsapi_base scope gives the openid alone."""
        appid, secret = self.official_credentials(company)
        token = await self.request(self.cfg.wechat_api_base, "/sns/oauth2/access_token", {
            "appid": appid, "secret": secret, "code": code, "grant_type": "authorization_code"}, field="code")
        if not token.get("openid"):
            raise WeChatUnavailable("没有返回openid")
        if token.get("scope") != "snsapi_userinfo":
            return {"openid": token["openid"]}
        try:
            info = await self.request(self.cfg.wechat_api_base, "/sns/userinfo", {
                "access_token": token["access_token"], "openid": token["openid"], "lang": "zh_CN"})
        except WeChatError:  # the profile is a nicety: the reader still reads
            return {"openid": token["openid"]}
        return {**info, "openid": token["openid"]}

    async def official_jsapi_ticket(self, appid: str, secret: str) -> str:
        async def fetch():
            return await self.with_token(
                lambda refresh: self._client_token(appid, secret, refresh),
                lambda token: self.request(self.cfg.wechat_api_base, "/cgi-bin/ticket/getticket",
                                           {"access_token": token, "type": "jsapi"}))
        return await self.cached(f"wechat-ticket:{appid}", fetch, "ticket")

    # ----- WeCom -------------------------------------------------------------------------------
    async def _wecom_token(self, corp_id: str, secret: str, refresh: bool) -> str:
        async def fetch():
            return await self.request(self.cfg.wecom_api_base, "/cgi-bin/gettoken",
                                      {"corpid": corp_id, "corpsecret": secret})
        return await self.cached(f"wecom:{corp_id}:{_fingerprint(secret)}", fetch, "access_token", refresh)

    async def wecom_token(self, corp_id: str, secret: str) -> str:
        """A WeCom app token for these credentials (cached, or fetched: which proves them)."""
        return await self._wecom_token(corp_id, secret, False)

    async def wecom_call(self, corp_id: str, secret: str, path: str, params: dict, field: str | None = None):
        return await self.with_token(
            lambda refresh: self._wecom_token(corp_id, secret, refresh),
            lambda token: self.request(self.cfg.wecom_api_base, path, {"access_token": token, **params},
                                       field=field))

    async def wecom_user_by_code(self, corp_id: str, secret: str, code: str) -> dict:
        """OAuth code -> the member's WeCom profile (auth/getuserinfo, then user/get)."""
        identity = await self.wecom_call(corp_id, secret, "/cgi-bin/auth/getuserinfo", {"code": code}, "code")
        userid = identity.get("userid") or identity.get("UserId")
        if not userid:
            raise ApiError(301, "code: 不是企业成员")
        return await self.wecom_call(corp_id, secret, "/cgi-bin/user/get", {"userid": userid})

    async def wecom_jsapi_ticket(self, corp_id: str, secret: str) -> str:
        async def fetch():
            return await self.wecom_call(corp_id, secret, "/cgi-bin/get_jsapi_ticket", {})
        return await self.cached(f"wecom-ticket:{corp_id}", fetch, "ticket")


def _fingerprint(secret: str) -> str:
    """Cache keys tell secrets apart without storing them."""
    return hashlib.sha256(secret.encode()).hexdigest()[:12]
