"""Customer side (mini-program): login and recording customer actions.

Customers sign calls like radar users do, with their own token: user_id is the customer id
and u_id the radar user whose card they are looking at.
"""

import events
from common.errors import ApiError, check_url, not_found
from handlers.base import BaseHandler, CustomerBase, post
from models import actions, companies, customers, products, users


class CustomerLoginHandler(BaseHandler):
    """POST /zhugeleida/xiaochengxu/login: js_code -> openid -> customer + relation."""

    @post(auth=None)
    async def login(self):
        company_id = self.arg_int("company_id", required=True)
        js_code = self.arg_str("js_code", required=True, max_len=512)
        user_id = self.arg_int("u_id", required=True)
        source = self.arg_int("source", default=1, choices=(1, 2))
        superior = self.arg_int("superior")
        profile = {
            "username": self.arg_str("username", max_len=64),
            "headimgurl": check_url("headimgurl", self.arg_str("headimgurl", max_len=512)),
            "sex": self.arg_int("sex", choices=(0, 1, 2)),
            "area": self.arg_str("area", max_len=128),
        }
        company = await companies.get(self.db, company_id)
        if not company:
            raise not_found("company_id 公司ID")
        user = await users.card_holder(self.db, user_id, company_id)
        session = await self.ctx.wechat.jscode2session(company, js_code)
        if not session.get("openid"):
            raise ApiError(503, "微信服务暂时不可用: 没有返回openid")
        customer = await customers.login(
            self.db, company_id=company_id, openid=session["openid"], user=user, source=source, superior=superior,
            profile={k: v for k, v in profile.items() if v is not None})
        events.stats_moved(self.ctx, company_id)
        self.reply({"customer_id": customer["_id"], "token": customer["token"], "u_id": user_id}, "登录成功")


class CustomerActionHandler(CustomerBase):
    """POST /zhugeleida/xiaochengxu/action/<1..12>?u_id=: record what the customer just did."""

    @post("<action>")
    async def act(self, action: int):
        code = actions.check_action(action)
        user = await self.radar_user()
        product_id = self.arg_int("product_id")
        product = await products.visible_to_customer(self.db, user, product_id) if product_id else None
        item = await events.customer_acted(self.ctx, user=user, customer=self.current, action=code, product=product,
                                           source=self.source())
        self.reply({"log_id": item["id"], "log": item["log"]}, "记录成功")
