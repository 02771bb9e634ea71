"""The whole URL table."""

from handlers.actions import ActionHandler
from handlers.articles import ArticleHandler
from handlers.boss import BossHandler
from handlers.callback import CallbackHandler
from handlers.cards import CardHandler, CustomerCardHandler, QrCodeHandler, UserTagHandler
from handlers.chat import ContactHandler, CustomerChatHandler, RadarChatHandler
from handlers.companies import CompanyHandler
from handlers.customers import CustomerHandler
from handlers.export import ExportHandler
from handlers.follow import FollowInfoHandler, FollowLanguageHandler
from handlers.gongzhonghao import ReaderArticleHandler, ReaderAuthHandler
from handlers.health import HealthHandler
from handlers.login import LoginHandler
from handlers.metrics import MetricsHandler
from handlers.pages import PageHandler, WorkbenchHandler
from handlers.permissions import PermissionHandler
from handlers.products import ProductHandler, ProductPictureHandler
from handlers.roles import RoleHandler
from handlers.setup import SetupHandler
from handlers.statics import StaticsHandler
from handlers.tags import TagCustomerHandler, TagListHandler
from handlers.tongxunlu import AddressBookHandler
from handlers.uploads import ImageUploadHandler
from handlers.users import UserHandler
from handlers.wecom import (
    WEB_LOGIN_DIR,
    ScanConfirmHandler,
    ScanQrCodeHandler,
    ScanQrImageHandler,
    ShareHandler,
    SignatureHandler,
    WeComLoginHandler,
)
from handlers.xiaochengxu import CustomerActionHandler, CustomerLoginHandler
from settings import ROOT
from websocket.chat import CustomerChatSocket, RadarChatSocket
from websocket.scan_login import ScanLoginSocket

QYWX = "/zhugeleida/qiyeweixin"
XCX = "/zhugeleida/xiaochengxu"
GZH = "/zhugeleida/gongzhonghao"


def resource(prefix: str, handler, **kwargs) -> tuple:
    """`prefix`, `prefix/<oper>`, `prefix/<oper>/<o_id>` and `prefix/<o_id>`, with or without a
    trailing slash; the handler's operations say which of them exist."""
    return rf"{prefix}(?:/(?P<oper>[A-Za-z_]\w*))?(?:/(?P<o_id>[^/]+))?/?", handler, kwargs


def routes(cfg) -> list:
    return [
        resource("/healthz", HealthHandler),
        resource("/metrics", MetricsHandler),
        resource("/zhugeleida/login", LoginHandler),
        resource(f"{QYWX}/user", UserHandler),
        resource(f"{QYWX}/role", RoleHandler),
        resource(f"{QYWX}/quanxian", PermissionHandler),
        resource(f"{QYWX}/company", CompanyHandler),
        resource(f"{QYWX}/customer", CustomerHandler),
        resource(f"{QYWX}/tag_customer", TagCustomerHandler),
        resource(f"{QYWX}/tag_list", TagListHandler),
        resource(f"{QYWX}/action", ActionHandler),
        resource(f"{QYWX}/follow_language", FollowLanguageHandler),
        resource(f"{QYWX}/follow_info", FollowInfoHandler),
        resource(f"{QYWX}/tongxunlu", AddressBookHandler),
        resource(f"{QYWX}/export", ExportHandler),
        resource(f"{QYWX}/contact", ContactHandler),
        resource(f"{QYWX}/chat", RadarChatHandler),
        resource(f"{XCX}/chat", CustomerChatHandler),
        (r"/zhugeleida/public/websocket/leida", RadarChatSocket),
        (rf"{QYWX}/websocket/leida_chat", RadarChatSocket),
        (r"/zhugeleida/public/websocket/xiaochengxu", CustomerChatSocket),
        (rf"{XCX}/websocket/xiaochengxu_chat", CustomerChatSocket),
        resource(f"{QYWX}/mingpian", CardHandler),
        resource(f"{QYWX}/tag_user", UserTagHandler),
        resource(f"{QYWX}/qr_code_auth", QrCodeHandler),
        resource(f"{QYWX}/create_small_program_qr_code", QrCodeHandler),
        (rf"{QYWX}/product/(?P<oper>add_picture|upload_complete)(?:/(?P<o_id>[^/]+))?/?", ProductPictureHandler),
        resource(f"{QYWX}/product", ProductHandler),
        (r"/zhugeleida/public/(?P<oper>img_upload|img_merge)/?", ImageUploadHandler),
        resource(f"{XCX}/mingpian", CustomerCardHandler),
        (rf"{QYWX}/work_weixin_auth/(?P<o_id>\d+)/?", WeComLoginHandler),
        resource(f"{QYWX}/work_weixin_auth", ShareHandler),
        resource(f"{QYWX}/enterprise_weixin_sign", SignatureHandler),
        resource(f"{QYWX}/scan_login", ScanConfirmHandler),
        resource(f"{QYWX}/callback", CallbackHandler),
        resource("/zhugeleida/admin/open_qiyeweixin/web_scan_authorize_qrcode", ScanQrCodeHandler),
        resource(f"{QYWX}/article", ArticleHandler),
        resource("/zhugeleida/boosleida/home_page", BossHandler),
        resource(f"{GZH}/work_gongzhonghao_auth", ReaderAuthHandler),
        resource(f"{GZH}/article", ReaderArticleHandler),
        (r"/zhugeleida/public/websocket/scan_code_web_login", ScanLoginSocket),
        (r"/zhugeleida/public/scan_login/?", PageHandler, {"page": "scan_login.html"}),
        (r"/", WorkbenchHandler),
        (r"/setup/?", WorkbenchHandler),
        resource("/zhugeleida/public/setup", SetupHandler),
        (r"/zhugeleida/public/scan_login/confirm/?", PageHandler, {"page": "scan_confirm.html"}),
        resource(f"{XCX}/login", CustomerLoginHandler),
        (rf"{XCX}/action/(?P<o_id>[^/]+)/?", CustomerActionHandler),
        (rf"/{WEB_LOGIN_DIR}/(?P<auth_code>[0-9a-f-]{{36}})_qrCode\.png", ScanQrImageHandler),
        (r"/statics/imgs/(.*)", StaticsHandler, {"path": str(ROOT / "static" / "imgs")}),
        (r"/statics/(.*)", StaticsHandler, {"path": str(cfg.statics_dir)}),
    ]
