"""Enterprise WeChat: member login (OAuth), scan-code web login, JS-SDK signatures, share URLs.

GET  /zhugeleida/qiyeweixin/work_weixin_auth/<company_id>?code=&state=   (no token: WeCom's redirect)
GET  /zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode[?company_id=]
POST /zhugeleida/qiyeweixin/scan_login/confirm {auth_code}
GET  /zhugeleida/qiyeweixin/enterprise_weixin_sign?url=
GET  /zhugeleida/qiyeweixin/work_weixin_auth/gongzhonghao_share_sign?url=
GET  /zhugeleida/qiyeweixin/work_weixin_auth/create_gongzhonghao_share_auth_url?article_id=
GET  /zhugeleida/gongzhonghao/work_gongzhonghao_auth/redirect_share_url?share_url=
"""

import urllib.parse
from datetime import datetime

from handlers.base import BaseHandler
from models import companies, scan_logins, users
from models.errors import ApiError, not_found, parse_int
from models.images import prune, save_qr
from websocket import scan_login
from wechat import jssdk

OAUTH_AUTHORIZE = "https://open.weixin.qq.com/connect/oauth2/authorize"
WEB_LOGIN_DIR = "statics/zhugeleida/imgs/qiyeweixin/webLogin"


class WeComLoginHandler(BaseHandler):
    """WeCom redirects here with ?code=; a state of scan<code> confirms a web login instead."""

    auth = None

    async def get(self, company_id: str):
        code = self.arg_str("code", required=True, max_len=512)
        auth_code = scan_logins.from_oauth_state(self.arg_str("state", max_len=128))
        company = await companies.get(self.db, parse_int("company_id", company_id))
        if not company:
            raise not_found("公司ID")
        credentials = companies.require_credentials(company, "corp_id", "corp_secret")
        member = await self.ctx.wechat.wecom_user_by_code(credentials["corp_id"], credentials["corp_secret"], code)
        user = await users.sync_wecom_member(self.db, company["_id"], member)
        if auth_code:
            await scan_login.confirm(self.ctx, auth_code, user)
            self.reply(msg="授权登录成功")
            return
        session = await users.start_session(self.db, user)
        if self.cfg.frontend_url:
            # In the fragment, so the token stays out of server logs and Referer headers.
            fragment = urllib.parse.urlencode({k: session[k] for k in ("token", "user_id", "username", "avatar")})
            self.redirect(f"{self.cfg.frontend_url}#{fragment}")
            return
        self.reply(session, "登录成功")

    async def post(self, company_id: str):
        raise ApiError(402, "请求方式异常")


class ScanQrCodeHandler(BaseHandler):
    """A fresh auth_code and the QR image a phone scans to confirm it."""

    auth = None

    async def read_index(self):
        company_id = self.arg_int("company_id")
        company = await companies.get(self.db, company_id) if company_id else None
        if company_id and not company:
            raise not_found("公司ID")
        entry = await scan_logins.create(self.db, self.cfg.scan_login_ttl_s, company_id)
        name = f"uid_{datetime.now():%Y%m%d_%H%M%S}_{entry['_id'][:8]}_qrCode.png"
        await prune(self.cfg, WEB_LOGIN_DIR, self.cfg.scan_login_ttl_s * 5)
        path = await save_qr(self.cfg, f"{WEB_LOGIN_DIR}/{name}", self.confirm_url(company, entry["_id"]))
        self.reply({"auth_qrcode_url": path, "auth_code": entry["_id"]}, "生成二维码成功")

    def confirm_url(self, company: dict | None, auth_code: str) -> str:
        """WeCom OAuth (state carries the code) when the company has WeCom, else our own confirm page."""
        if company and company.get("corp_id") and company.get("corp_secret"):
            redirect = f"{self.cfg.public_base_url}/zhugeleida/qiyeweixin/work_weixin_auth/{company['_id']}"
            query = urllib.parse.urlencode({
                "appid": company["corp_id"], "redirect_uri": redirect, "response_type": "code",
                "scope": "snsapi_base", "state": scan_logins.oauth_state(auth_code),
                **({"agentid": company["agent_id"]} if company.get("agent_id") else {}),
            })
            return f"{OAUTH_AUTHORIZE}?{query}#wechat_redirect"
        return f"{self.cfg.public_base_url}/zhugeleida/public/scan_login/confirm?auth_code={auth_code}"


class ScanConfirmHandler(BaseHandler):
    """The phone, already logged in, confirms the code it scanned. A disabled user fails the login."""

    refuse_disabled = False  # confirm() answers 306 and tells the waiting page 登录失败

    async def write_confirm(self):
        auth_code = self.arg_str("auth_code", required=True, max_len=64)
        await scan_login.confirm(self.ctx, auth_code, self.current)
        self.reply(msg="授权登录成功")


class CompanyPageHandler(BaseHandler):
    def page_url(self) -> str:
        return self.arg_str("url", max_len=1024) or (self.cfg.frontend_url or self.cfg.public_base_url) + "/"

    async def company(self) -> dict:
        return await companies.get(self.db, self.current["company_id"]) or {}


class SignatureHandler(CompanyPageHandler):
    """The WeCom JS-SDK signature (wx.config) for the page at ?url=."""

    async def read_index(self):
        credentials = companies.require_credentials(await self.company(), "corp_id", "corp_secret")
        ticket = await self.ctx.wechat.wecom_jsapi_ticket(credentials["corp_id"], credentials["corp_secret"])
        self.reply({**jssdk.sign_page(ticket, self.page_url()), "appId": credentials["corp_id"]}, "查询成功")


class ShareHandler(CompanyPageHandler):
    """Sharing articles through the official account: its JS-SDK signature and the OAuth share URL."""

    async def read_gongzhonghao_share_sign(self):
        credentials = companies.require_credentials(await self.company(), "gzh_appid", "gzh_secret")
        ticket = await self.ctx.wechat.official_jsapi_ticket(credentials["gzh_appid"], credentials["gzh_secret"])
        self.reply({**jssdk.sign_page(ticket, self.page_url()), "appid": credentials["gzh_appid"]}, "查询成功")

    async def read_create_gongzhonghao_share_auth_url(self):
        article_id = self.arg_int("article_id", required=True, min_value=1)
        credentials = companies.require_credentials(await self.company(), "gzh_appid")
        base = self.cfg.public_base_url
        user = self.current
        relate = f"article_id_{article_id}|pid_|level_1|uid_{user['_id']}|company_id_{user['company_id']}"
        authorize = (f"{OAUTH_AUTHORIZE}?appid={credentials['gzh_appid']}"
                     f"&redirect_uri={base}/zhugeleida/gongzhonghao/work_gongzhonghao_auth?relate={relate}"
                     f"&response_type=code&scope=snsapi_base&state=snsapi_base")
        if self.cfg.wechat_component_appid:
            authorize += f"&component_appid={self.cfg.wechat_component_appid}"
        authorize += "#wechat_redirect"
        share_url = (f"{base}/zhugeleida/gongzhonghao/work_gongzhonghao_auth/redirect_share_url"
                     f"?share_url={urllib.parse.quote(authorize, safe='')}")
        self.reply({"share_url": share_url}, "返回成功")


class ShareRedirectHandler(BaseHandler):
    """Sends a share link on to WeChat's OAuth page (and nowhere else)."""

    auth = None

    async def read_index(self):
        target = self.arg_str("share_url", required=True, max_len=2048)
        if not target.startswith(f"{OAUTH_AUTHORIZE}?"):
            raise ApiError(301, "share_url: 只能跳转到微信网页授权地址")
        self.redirect(target)
