"""A fake WeChat / WeCom API server for tests: the real client code talks to it over HTTP.

Behaviour follows wechat-notes.md: errors are HTTP 200 with {"errcode", "errmsg"}; tokens and
tickets expire; codes are single-use. Knobs on FakeWeChat make it fail on purpose.
"""

import asyncio
import io
import itertools
import json

import qrcode
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from tornado.web import Application, RequestHandler

INVALID_CODE = {"errcode": 40029, "errmsg": "invalid code"}
EXPIRED_TOKEN = {"errcode": 42001, "errmsg": "access_token expired"}


class FakeWeChat:
    def __init__(self):
        self.calls: list[str] = []
        self.tokens: set[str] = set()
        self._serial = itertools.count(1)
        self.expire_tokens_once = False  # the next token-protected call answers 42001
        self.silent = False  # stop answering (the client times out)
        self.refused: dict[str, int] = {}  # secret -> the errcode a token request with it gets (40001, 40164...)
        self.members = {"zhangsan": {"name": "张三", "avatar": "http://wx.qlogo.cn/zhangsan/0", "gender": "1"}}
        self.codes = {}  # WeCom OAuth code -> userid (single use)
        # Official-account readers: OAuth code "reader-<name>" -> openid "openid-<name>", profile below.
        self.readers = {}  # name -> {"nickname", "headimgurl", "sex", "province", "city"}
        self.web_tokens: dict[str, str] = {}  # sns access_token -> openid
        self.server = None
        self.base_url = ""

    def start(self) -> "FakeWeChat":
        sock, port = bind_unused_port()
        self.server = HTTPServer(Application([(r"(.*)", FakeHandler, {"fake": self})]))
        self.server.add_sockets([sock])
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    def stop(self) -> None:
        self.server.stop()

    def issue_token(self) -> str:
        token = f"token-{next(self._serial)}"
        self.tokens.add(token)
        return token

    def count(self, path: str) -> int:
        return sum(1 for call in self.calls if call == path)


class FakeHandler(RequestHandler):
    def initialize(self, fake: FakeWeChat):
        self.fake = fake

    async def get(self, path):
        await self.answer(path)

    async def post(self, path):
        await self.answer(path)

    def arg(self, name):
        return self.get_query_argument(name, None)

    async def answer(self, path):
        fake = self.fake
        fake.calls.append(path)
        if fake.silent:
            await asyncio.sleep(3600)
        route = ROUTES.get(path)
        if route is None:
            self.write({"errcode": 40066, "errmsg": "invalid url"})
            return
        needs_token, action = route
        if needs_token:
            if fake.expire_tokens_once:
                fake.expire_tokens_once = False
                fake.tokens.clear()
                self.write(EXPIRED_TOKEN)
                return
            if self.arg("access_token") not in fake.tokens:
                self.write({"errcode": 40014, "errmsg": "invalid access_token"})
                return
        result = action(self)
        if isinstance(result, bytes):
            self.set_header("Content-Type", "image/png")
            self.write(result)
        else:
            self.write(result)


def jscode2session(handler):
    code = handler.arg("js_code")
    if not handler.arg("appid") or not handler.arg("secret") or code in (None, "invalid"):
        return INVALID_CODE
    return {"openid": f"openid-{code}", "session_key": "c2Vzc2lvbg==", "errcode": 0, "errmsg": "ok"}


def refusal(handler, secret_name: str) -> dict | None:
    errcode = handler.fake.refused.get(handler.arg(secret_name))
    return {"errcode": errcode, "errmsg": f"refused ({errcode})"} if errcode else None


def client_token(handler):
    if not handler.arg("appid") or not handler.arg("secret"):
        return {"errcode": 40013, "errmsg": "invalid appid"}
    if refused := refusal(handler, "secret"):
        return refused
    return {"access_token": handler.fake.issue_token(), "expires_in": 7200}


def wecom_token(handler):
    if not handler.arg("corpid") or not handler.arg("corpsecret"):
        return {"errcode": 40013, "errmsg": "invalid corpid"}
    if refused := refusal(handler, "corpsecret"):
        return refused
    return {"errcode": 0, "errmsg": "ok", "access_token": handler.fake.issue_token(), "expires_in": 7200}


def getuserinfo(handler):
    userid = handler.fake.codes.pop(handler.arg("code"), None)
    if userid is None:
        return INVALID_CODE
    return {"errcode": 0, "errmsg": "ok", "userid": userid}


def user_get(handler):
    member = handler.fake.members.get(handler.arg("userid"))
    if member is None:
        return {"errcode": 60111, "errmsg": "userid not found"}
    return {"errcode": 0, "errmsg": "ok", "userid": handler.arg("userid"), "status": 1, **member}


def sns_access_token(handler):
    code = handler.arg("code") or ""
    if not handler.arg("appid") or not handler.arg("secret") or not code.startswith("reader-"):
        return INVALID_CODE
    name = code.removeprefix("reader-")
    token = f"web-{name}"
    handler.fake.web_tokens[token] = f"openid-{name}"
    scope = "snsapi_base" if name.startswith("silent") else "snsapi_userinfo"
    return {"access_token": token, "expires_in": 7200, "refresh_token": "r", "openid": f"openid-{name}",
            "scope": scope}


def sns_userinfo(handler):
    openid = handler.fake.web_tokens.get(handler.arg("access_token"))
    if openid is None or openid != handler.arg("openid"):
        return {"errcode": 40001, "errmsg": "invalid credential"}
    name = openid.removeprefix("openid-")
    profile = handler.fake.readers.get(name, {"nickname": name, "sex": 0, "province": "", "city": "",
                                               "headimgurl": f"http://thirdwx.qlogo.cn/{name}/132"})
    return {"openid": openid, **profile}


def ticket(handler):
    return {"errcode": 0, "errmsg": "ok", "ticket": "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-"
            "Sl-HhTdfl2fzFy1AOcHKP7qg", "expires_in": 7200}


def wxacode(handler):
    """A real QR image of what the mini-program code would open, so tests can decode it."""
    body = json.loads(handler.request.body or b"{}")
    if not body.get("scene"):
        return {"errcode": 40169, "errmsg": "invalid length for scene"}
    image = qrcode.make(f"wxacode:{body.get('page', '')}?scene={body['scene']}")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


ROUTES = {
    "/sns/jscode2session": (False, jscode2session),
    "/cgi-bin/token": (False, client_token),
    "/cgi-bin/gettoken": (False, wecom_token),
    "/cgi-bin/auth/getuserinfo": (True, getuserinfo),
    "/cgi-bin/user/get": (True, user_get),
    "/cgi-bin/get_jsapi_ticket": (True, ticket),
    "/cgi-bin/ticket/getticket": (True, ticket),
    "/wxa/getwxacodeunlimit": (True, wxacode),
    "/sns/oauth2/access_token": (False, sns_access_token),
    "/sns/userinfo": (False, sns_userinfo),
}
