"""WeCom's encrypted callback: GET/POST /zhugeleida/qiyeweixin/callback/<company_id>.

GET verifies the URL (answers the decrypted echostr as plain text); POST carries encrypted
events, of which member create/update/delete keep the company's radar users in step.
Anything not signed with the company's callback_token, or not decrypting, changes nothing.
"""

import logging
import xml.etree.ElementTree as ET

from handlers.base import BaseHandler
from models import companies, users
from models.accounts import STATUS_DISABLED, STATUS_ENABLED
from models.errors import ApiError, not_found, parse_int
from wechat.crypto import CryptoError, MsgCrypt

log = logging.getLogger("radar.callback")
WECOM_DISABLED = "2"  # member Status: 1 active, 2 disabled, 4 not activated


def parse_xml(data: bytes, what: str) -> ET.Element:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ApiError(301, f"{what}: 不接受DTD")
    try:
        return ET.fromstring(data)
    except ET.ParseError:
        raise ApiError(301, f"{what}: 不是合法的XML") from None


class CallbackHandler(BaseHandler):
    auth = None

    async def crypt(self, company_id: str) -> tuple[dict, MsgCrypt]:
        company = await companies.get(self.db, parse_int("company_id", company_id))
        if not company:
            raise not_found("公司ID")
        settings = companies.require_credentials(company, "corp_id", "callback_token", "callback_aes_key")
        return company, MsgCrypt(settings["callback_token"], settings["callback_aes_key"], settings["corp_id"])

    def signed(self) -> tuple[str, str, str]:
        return (self.arg_str("msg_signature", required=True, max_len=64),
                self.arg_str("timestamp", required=True, max_len=32), self.arg_str("nonce", required=True, max_len=64))

    def plain(self, text: str) -> None:
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.finish(text)

    async def get(self, company_id: str):
        _company, crypt = await self.crypt(company_id)
        msg_signature, timestamp, nonce = self.signed()
        echostr = self.arg_str("echostr", required=True, max_len=1024, strip=False)
        try:
            echo = crypt.verify(msg_signature, timestamp, nonce, echostr)
        except CryptoError as error:
            raise ApiError(301, f"msg_signature: 校验失败 ({error})") from None
        self.plain(echo.decode(errors="replace"))

    async def post(self, company_id: str):
        company, crypt = await self.crypt(company_id)
        msg_signature, timestamp, nonce = self.signed()
        encrypt = parse_xml(self.raw_body, "body").findtext("Encrypt")
        if not encrypt:
            raise ApiError(303, "Encrypt: 不能为空")
        try:
            message = crypt.verify(msg_signature, timestamp, nonce, encrypt.strip())
        except CryptoError as error:
            raise ApiError(301, f"msg_signature: 校验失败 ({error})") from None
        await self.handle_event(company, parse_xml(message, "Encrypt"))
        self.plain("success")

    async def handle_event(self, company: dict, event: ET.Element) -> None:
        change = event.findtext("ChangeType")
        userid = event.findtext("UserID")
        if event.findtext("Event") != "change_contact" or not userid:
            log.info("callback for company %s: ignored %s/%s", company["_id"], event.findtext("MsgType"), change)
            return
        if change == "delete_user":
            await users.set_wecom_status(self.db, company["_id"], userid, STATUS_DISABLED)
            return
        if change not in ("create_user", "update_user"):
            return
        if event.findtext("NewUserID"):
            await self.db.users.update_one({"company_id": company["_id"], "wecom_userid": userid},
                                           {"$set": {"wecom_userid": event.findtext("NewUserID")}})
            userid = event.findtext("NewUserID")
        member = {"userid": userid, "name": event.findtext("Name"), "avatar": event.findtext("Avatar"),
                  "gender": event.findtext("Gender"), "position": event.findtext("Position"),
                  "email": event.findtext("Email"), "mobile": event.findtext("Mobile")}
        status = event.findtext("Status")
        await users.sync_wecom_member(
            self.db, company["_id"], {k: v for k, v in member.items() if v},
            status=None if status is None else STATUS_DISABLED if status == WECOM_DISABLED else STATUS_ENABLED)
