"""Official-account readers of shared articles (the customer side of the forward tree).

GET /zhugeleida/gongzhonghao/work_gongzhonghao_auth?code=&relate=article_id_<a>|pid_<p>|level_<l>|uid_<u>|company_id_<c>
GET /zhugeleida/gongzhonghao/work_gongzhonghao_auth/create_gongzhonghao_share_auth_url?article_id=&uid=&level=
GET /zhugeleida/gongzhonghao/work_gongzhonghao_auth/redirect_share_url?share_url=
GET /zhugeleida/gongzhonghao/article/myarticle/<article_id>?uid=&pid=
GET /zhugeleida/gongzhonghao/article/staytime/<article_id>?uid=&article_access_log_id=&seconds=
GET /zhugeleida/gongzhonghao/article/forward_article/<article_id>?uid=&forward_type=1|2
"""

import re
import urllib.parse

import events
from common.errors import ApiError, invalid, not_found
from handlers.base import BaseHandler, CustomerBase, get
from models import articles, companies, customers, users
from wechat import urls

RELATE = re.compile(r"article_id_(\d{1,18})\|pid_(\d{0,18})\|level_(\d{1,9})\|uid_(\d{1,18})\|company_id_(\d{1,18})")
RELATE_FORMAT = "article_id_<文章ID>|pid_<上级客户ID>|level_<层级>|uid_<雷达用户ID>|company_id_<公司ID>"


def parse_relate(text: str) -> dict:
    match = RELATE.fullmatch(text)
    if not match:
        raise invalid("relate", f"格式应为 {RELATE_FORMAT}")
    article_id, pid, level, uid, company_id = match.groups()
    return {"article_id": int(article_id), "pid": int(pid) if pid else None, "level": int(level), "uid": int(uid),
            "company_id": int(company_id)}


class ReaderAuthHandler(BaseHandler):
    @get(auth=None)
    async def login(self):
        """WeChat sends the reader here from a share link: the reader becomes a customer (user_type 1)
        with a session, and the page gets where they came from."""
        relate = parse_relate(self.arg_str("relate", required=True, max_len=200))
        code = self.arg_str("code", required=True, max_len=512)
        company = await companies.get(self.db, relate["company_id"])
        if not company:
            raise not_found("company_id 公司ID")
        await articles.in_company(self.db, company["_id"], relate["article_id"])
        sharer = await users.card_holder(self.db, relate["uid"], company["_id"], "uid")
        reader = await self.ctx.wechat.official_reader(company, code)
        customer = await customers.reader_login(self.db, company_id=company["_id"], openid=reader["openid"],
                                                profile=reader_profile(reader), sharer=sharer)
        events.stats_moved(self.ctx, company["_id"])
        session = {"customer_id": customer["_id"], "token": customer["token"], **relate}
        if self.cfg.frontend_url:
            query = urllib.parse.urlencode({"user_id": customer["_id"], **{k: "" if v is None else v
                                                                           for k, v in session.items()}})
            self.redirect(f"{self.cfg.frontend_url}#/gongzhonghao/leidawenzhang/{relate['article_id']}?{query}")
            return
        self.reply(session, "登录成功")

    @get("create_gongzhonghao_share_auth_url", auth="customer")
    async def share_url(self):
        """A reader shares the article on: the link names them as the parent, one level down."""
        customer = self.current
        article = await articles.in_company(self.db, customer["company_id"],
                                            self.arg_int("article_id", required=True, min_value=1))
        sharer = await users.card_holder(self.db, self.arg_int("uid", required=True), customer["company_id"], "uid")
        node = await articles.node_of(self.db, article["_id"], sharer["_id"], customer["_id"])
        level = node["level"] if node else self.arg_int("level", default=1, min_value=1, max_value=10_000)
        company = await companies.get(self.db, customer["company_id"]) or {}
        appid, _secret = self.ctx.wechat.official_credentials(company)
        relate = urls.relate(article["_id"], customer["_id"], level + 1, sharer["_id"], customer["company_id"])
        self.reply({"share_url": urls.official_share_url(self.cfg.public_base_url, appid, relate,
                                                         self.cfg.wechat_component_appid or None)}, "返回成功")

    @get("redirect_share_url", auth=None)
    async def forward(self):
        """Sends a share link on to WeChat's OAuth page (and nowhere else)."""
        target = self.arg_str("share_url", required=True, max_len=2048)
        if not urls.is_oauth_authorize(target):
            raise ApiError(301, "share_url: 只能跳转到微信网页授权地址")
        self.redirect(target)


def reader_profile(reader: dict) -> dict:
    """What WeChat told us of a new reader, in our customer fields (http(s) avatars only)."""
    profile = {}
    if reader.get("nickname"):
        profile["username"] = str(reader["nickname"])[:64]
    avatar = str(reader.get("headimgurl") or "")
    if avatar.startswith(("http://", "https://")):
        profile["headimgurl"] = avatar[:512]
    if str(reader.get("sex", "")) in ("1", "2"):
        profile["sex"] = int(reader["sex"])
    area = f"{reader.get('province') or ''}{reader.get('city') or ''}"
    if area:
        profile["area"] = area[:128]
    return profile


class ReaderArticleHandler(CustomerBase):
    """The reader's article page. Each call changes counts, so each signature is used once. The
    article itself is checked by the write that counts the read or forward (one round trip)."""

    @get("myarticle/<article_id>", writes=True)
    async def read(self, article_id: int):
        sharer = await self.radar_user("uid")
        article, read = await events.article_read(
            self.ctx, company_id=self.current["company_id"], article_id=article_id, sharer=sharer,
            customer=self.current, pid=self.arg_int("pid"))
        self.reply({**articles.shape(article, full=True), "article_access_log_id": read["_id"]}, "查询成功")

    @get("staytime/<article_id>", writes=True)
    async def stay(self, article_id: int):
        await self.radar_user("uid")
        seconds = self.arg_int("seconds", default=5, min_value=1, max_value=articles.MAX_STAY_STEP_S)
        read = await events.article_stayed(self.ctx, customer=self.current, article_id=article_id,
                                           read_id=self.arg_int("article_access_log_id", required=True),
                                           seconds=seconds)
        self.reply({"article_access_log_id": read["_id"], "stay_time": read["stay_time"]}, "记录成功")

    @get("forward_article/<article_id>", writes=True)
    async def forward(self, article_id: int):
        sharer = await self.radar_user("uid")
        forward_type = self.arg_int("forward_type", required=True, choices=(articles.FRIEND, articles.MOMENTS))
        node = await events.article_forwarded(self.ctx, company_id=self.current["company_id"], article_id=article_id,
                                              sharer=sharer, customer=self.current, forward_type=forward_type)
        self.reply({"forward_count": node["forward_count"]}, "转发成功")
