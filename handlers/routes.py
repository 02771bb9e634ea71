"""The whole URL table."""

from tornado.web import StaticFileHandler

from handlers.companies import CompanyHandler
from handlers.health import HealthHandler
from handlers.login import LoginHandler
from handlers.permissions import PermissionHandler
from handlers.roles import RoleHandler
from handlers.users import UserHandler

QYWX = "/zhugeleida/qiyeweixin"


def resource(prefix: str, handler, **kwargs) -> list:
    """`prefix` itself and `prefix/<oper>[/<o_id>]`, each with or without a trailing slash."""
    return [
        (rf"{prefix}/?", handler, kwargs),
        (rf"{prefix}/(?P<oper>\w+)(?:/(?P<o_id>\d+))?/?", handler, kwargs),
    ]


def routes(cfg) -> list:
    return [
        (r"/healthz", HealthHandler),
        (r"/zhugeleida/login/?", LoginHandler),
        *resource(f"{QYWX}/user", UserHandler),
        *resource(f"{QYWX}/role", RoleHandler),
        *resource(f"{QYWX}/quanxian", PermissionHandler),
        *resource(f"{QYWX}/company", CompanyHandler),
        (r"/statics/(.*)", StaticFileHandler, {"path": str(cfg.statics_dir)}),
    ]
