"""WeCom's encrypted callback: GET/POST /zhugeleida/qiyeweixin/callback/<company_id>.

GET verifies the URL (answers the decrypted echostr as plain text); POST carries encrypted
events, of which member create/update/delete keep the company's radar users in step.
Anything not signed with the company's callback_token, or not decrypting, changes nothing.
The XML parser refuses DTDs and entities in every encoding, bodies are capped at a few KB, a
timestamp outside AUTH_WINDOW_S is refused and a delivery already seen (same nonce and
timestamp) is answered "success" without being applied twice.
"""

import logging
import time
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

import events
from common.errors import DISABLED, ApiError, not_found
from handlers.base import BaseHandler, get, post
from models import callbacks, companies, users
from models.accounts import STATUS_DISABLED, STATUS_ENABLED
from wechat.crypto import CryptoError, MsgCrypt

log = logging.getLogger("radar.callback")
WECOM_DISABLED = "2"  # member Status: 1 active, 2 disabled, 4 not activated


def parse_xml(data: bytes, what: str) -> ET.Element:
    """WeCom sends UTF-8; expat refuses multi-byte encodings (GBK, Shift_JIS, big5, UTF-16BE) with a
    ValueError and unknown ones with a LookupError, which are answers, not failures."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise ApiError(301, f"{what}: 不接受DTD或实体") from None
    except ET.ParseError:
        raise ApiError(301, f"{what}: 不是合法的XML") from None
    except (ValueError, LookupError):
        raise ApiError(301, f"{what}: 只接受UTF-8编码的XML") from None


class CallbackHandler(BaseHandler):
    async def crypt(self, company_id: int) -> tuple[dict, MsgCrypt]:
        company = await companies.get(self.db, company_id)
        if not company:
            raise not_found("公司ID")
        settings = companies.require_credentials(company, "corp_id", "callback_token", "callback_aes_key")
        return company, MsgCrypt(settings["callback_token"], settings["callback_aes_key"], settings["corp_id"])

    def signed(self) -> tuple[str, str, str]:
        timestamp = self.arg_str("timestamp", required=True, max_len=32)
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > self.cfg.auth_window_s:
            raise ApiError(301, "timestamp: 已过期或无效")
        return self.arg_str("msg_signature", required=True, max_len=64), timestamp, self.arg_str(
            "nonce", required=True, max_len=64)

    def plain(self, text: str) -> None:
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.finish(text)

    @get("<company_id>", auth=None)
    async def verify_url(self, company_id: int):
        _company, crypt = await self.crypt(company_id)
        msg_signature, timestamp, nonce = self.signed()
        echostr = self.arg_str("echostr", required=True, max_len=1024, strip=False)
        try:
            echo = crypt.verify(msg_signature, timestamp, nonce, echostr)
        except CryptoError as error:
            raise ApiError(301, f"msg_signature: 校验失败 ({error})") from None
        self.plain(echo.decode(errors="replace"))

    @post("<company_id>", auth=None, body="small")
    async def event(self, company_id: int):
        company, crypt = await self.crypt(company_id)
        msg_signature, timestamp, nonce = self.signed()
        encrypt = parse_xml(self.request.body, "body").findtext("Encrypt")
        if not encrypt:
            raise ApiError(303, "Encrypt: 不能为空")
        try:
            message = crypt.verify(msg_signature, timestamp, nonce, encrypt.strip())
        except CryptoError as error:
            raise ApiError(301, f"msg_signature: 校验失败 ({error})") from None
        event = parse_xml(message, "Encrypt")
        if await callbacks.first_delivery(self.db, company["_id"], nonce, timestamp, 2 * self.cfg.auth_window_s):
            try:
                await self.apply(company, event)
            except BaseException:
                await callbacks.forget_delivery(self.db, company["_id"], nonce, timestamp)
                raise
        self.plain("success")

    async def apply(self, company: dict, event: ET.Element) -> None:
        change = event.findtext("ChangeType")
        userid = event.findtext("UserID")
        if event.findtext("Event") != "change_contact" or not userid:
            log.info("callback for company %s: ignored %s/%s", company["_id"], event.findtext("MsgType"), change)
            return
        if change == "delete_user":
            user = await users.set_wecom_status(self.db, company["_id"], userid, STATUS_DISABLED)
            if user:
                events.account_signed_out(self.ctx, events.USER, user["_id"], *DISABLED)
            return
        if change not in ("create_user", "update_user"):
            return
        if event.findtext("NewUserID"):
            await users.rename_wecom_userid(self.db, company["_id"], userid, event.findtext("NewUserID"))
            userid = event.findtext("NewUserID")
        member = {"userid": userid, "name": event.findtext("Name"), "avatar": event.findtext("Avatar"),
                  "gender": event.findtext("Gender"), "position": event.findtext("Position"),
                  "email": event.findtext("Email"), "mobile": event.findtext("Mobile")}
        status = event.findtext("Status")
        status = None if status is None else STATUS_DISABLED if status == WECOM_DISABLED else STATUS_ENABLED
        user = await users.sync_wecom_member(self.db, company["_id"], {k: v for k, v in member.items() if v},
                                             status=status)
        if status == STATUS_DISABLED:
            events.account_signed_out(self.ctx, events.USER, user["_id"], *DISABLED)
