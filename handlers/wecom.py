"""Enterprise WeChat: member login (OAuth), scan-code web login, JS-SDK signatures, share URLs.

GET  /zhugeleida/qiyeweixin/work_weixin_auth/<company_id>?code=&state=   (no token: WeCom's redirect)
GET  /zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode[?company_id=]
GET  /statics/zhugeleida/imgs/qiyeweixin/webLogin/<auth_code>_qrCode.png
GET  /zhugeleida/qiyeweixin/scan_login/request?auth_code=   POST /zhugeleida/qiyeweixin/scan_login/confirm
GET  /zhugeleida/qiyeweixin/enterprise_weixin_sign?url=
GET  /zhugeleida/qiyeweixin/work_weixin_auth/gongzhonghao_share_sign?url=
GET  /zhugeleida/qiyeweixin/work_weixin_auth/create_gongzhonghao_share_auth_url?article_id=
"""

import urllib.parse

import events
from common.errors import ApiError, not_found, too_many
from common.times import iso
from handlers.base import BaseHandler, get, post
from models import articles, companies, images, scan_logins, users
from wechat import jssdk, urls

WEB_LOGIN_DIR = "statics/zhugeleida/imgs/qiyeweixin/webLogin"


class WeComLoginHandler(BaseHandler):
    """WeCom redirects here with ?code=; a state of scan<code> confirms a web login instead."""

    @get("<company_id>", auth=None)
    async def login(self, company_id: int):
        code = self.arg_str("code", required=True, max_len=512)
        auth_code = scan_logins.from_oauth_state(self.arg_str("state", max_len=128))
        company = await companies.get(self.db, company_id)
        if not company:
            raise not_found("公司ID")
        credentials = companies.require_credentials(company, "corp_id", "corp_secret")
        member = await self.ctx.wechat.wecom_user_by_code(credentials["corp_id"], credentials["corp_secret"], code)
        user = await users.sync_wecom_member(self.db, company["_id"], member)
        if auth_code:
            await events.scan_confirmed(self.ctx, auth_code, user)
            self.reply(msg="授权登录成功")
            return
        session = await users.start_session(self.db, user)
        if self.cfg.frontend_url:
            # In the fragment, so the token stays out of server logs and Referer headers.
            fragment = urllib.parse.urlencode({k: session[k] for k in ("token", "user_id", "username", "avatar")})
            self.redirect(f"{self.cfg.frontend_url}#{fragment}")
            return
        self.reply(session, "登录成功")


class ScanQrCodeHandler(BaseHandler):
    """A fresh auth_code and the QR image a phone scans to confirm it. Anyone may ask (the page is
    not logged in yet), so each address may ask SCAN_QR_PER_MINUTE times a minute."""

    @get(auth=None)
    async def create(self):
        if not self.ctx.limits.scan_qr.allow(self.client_ip):
            raise too_many("生成二维码过于频繁,请稍后再试")
        company_id = self.arg_int("company_id")
        company = await companies.get(self.db, company_id) if company_id else None
        if company_id and not company:
            raise not_found("公司ID")
        requester = {"address": self.client_ip, "user_agent": self.request.headers.get("User-Agent", "")[:300]}
        entry = await scan_logins.create(self.db, self.cfg.scan_login_ttl_s, company_id, requester)
        png = await images.qr_png(self.confirm_url(company, entry["_id"]))
        await scan_logins.set_qr_image(self.db, entry["_id"], png)
        self.reply({"auth_qrcode_url": f"{WEB_LOGIN_DIR}/{entry['_id']}_qrCode.png", "auth_code": entry["_id"],
                    "auth_secret": entry["secret"]}, "生成二维码成功")

    def confirm_url(self, company: dict | None, auth_code: str) -> str:
        """WeCom OAuth (state carries the code) when the company has WeCom, else our own confirm page."""
        if company and company.get("corp_id") and company.get("corp_secret"):
            redirect = f"{self.cfg.public_base_url}/zhugeleida/qiyeweixin/work_weixin_auth/{company['_id']}"
            return urls.oauth_authorize(company["corp_id"], redirect, state=scan_logins.oauth_state(auth_code),
                                        agentid=company.get("agent_id"))
        return f"{self.cfg.public_base_url}/zhugeleida/public/scan_login/confirm?auth_code={auth_code}"


class ScanQrImageHandler(BaseHandler):
    """The QR image of a live code, kept with the code itself (no file to clean up)."""

    @get(auth=None)
    async def image(self):
        png = await scan_logins.qr_image(self.db, self.path_kwargs["auth_code"])
        if png is None:
            raise not_found("二维码")
        self.set_header("Content-Type", "image/png")
        self.set_header("Cache-Control", "no-store")
        self.finish(png)


class ScanConfirmHandler(BaseHandler):
    """The phone, already logged in, sees who asks to log in, then confirms the code it scanned."""

    @get("request")
    async def request_details(self):
        entry = await scan_logins.find(self.db, self.arg_str("auth_code", required=True, max_len=64))
        if entry is None or entry["status"] != scan_logins.WAITING:
            raise ApiError(events.SCAN_INVALID["code"], events.SCAN_INVALID["msg"])
        requester = entry.get("requester") or {}
        self.reply({"address": requester.get("address", ""), "user_agent": requester.get("user_agent", ""),
                    "create_date": iso(entry["create_date"]), "company_id": entry.get("company_id")}, "查询成功")

    @post("confirm", auth="any-user")  # a disabled user is told 306 and the waiting page 登录失败
    async def confirm(self):
        auth_code = self.arg_str("auth_code", required=True, max_len=64)
        await events.scan_confirmed(self.ctx, auth_code, self.current)
        self.reply(msg="授权登录成功")


class CompanyPageHandler(BaseHandler):
    def page_url(self) -> str:
        return self.arg_str("url", max_len=1024) or (self.cfg.frontend_url or self.cfg.public_base_url) + "/"

    async def company(self) -> dict:
        return await companies.get(self.db, self.current["company_id"]) or {}


class SignatureHandler(CompanyPageHandler):
    """The WeCom JS-SDK signature (wx.config) for the page at ?url=."""

    @get()
    async def sign(self):
        credentials = companies.require_credentials(await self.company(), "corp_id", "corp_secret")
        ticket = await self.ctx.wechat.wecom_jsapi_ticket(credentials["corp_id"], credentials["corp_secret"])
        self.reply({**jssdk.sign_page(ticket, self.page_url()), "appId": credentials["corp_id"]},
                   "查询成功")


class ShareHandler(CompanyPageHandler):
    """Sharing articles through the official account: its JS-SDK signature and the OAuth share URL."""

    @get("gongzhonghao_share_sign")
    async def share_sign(self):
        appid, secret = self.ctx.wechat.official_credentials(await self.company())
        ticket = await self.ctx.wechat.official_jsapi_ticket(appid, secret)
        self.reply({**jssdk.sign_page(ticket, self.page_url()), "appid": appid}, "查询成功")

    @get("create_gongzhonghao_share_auth_url")
    async def share_url(self):
        """The radar user's share link of a company article: level 1, no parent."""
        user = self.current
        article = await articles.in_company(self.db, user["company_id"],
                                            self.arg_int("article_id", required=True, min_value=1))
        appid, _secret = self.ctx.wechat.official_credentials(await self.company())
        relate = urls.relate(article["_id"], None, 1, user["_id"], user["company_id"])
        share_url = urls.official_share_url(self.cfg.public_base_url, appid, relate,
                                            self.cfg.wechat_component_appid or None)
        self.reply({"share_url": share_url}, "返回成功")
