"""Help for the admin who connects a company to WeChat: what to paste into the WeCom and WeChat
consoles (computed from PUBLIC_BASE_URL), which credential works (tried against WeChat through the
client), and the setup checklist the radar of an admin shows while something is missing."""

import ipaddress
import urllib.parse

from common.errors import ApiError
from models.companies import WHERE_TO_FIND, WHERE_TO_SET, credentials
from wechat.client import WeChatError, WeChatUnavailable

WECOM_CONSOLE = "企业微信管理后台 (work.weixin.qq.com)"
MP_CONSOLE = "微信公众平台 (mp.weixin.qq.com)"
# WeChat's answers to a token request, in the admin's words.
ERRCODE_WORDS = {
    40001: "Secret 不正确 (或已重置)", 40125: "AppSecret 不正确", 40091: "Secret 不正确", 41004: "缺少 Secret",
    40013: "AppID / 企业ID 不正确", 41002: "缺少 AppID", 40164: "本服务器的IP不在公众平台「基本配置 → IP白名单」中",
    60020: "本服务器的IP不在企业微信「应用管理 → 自建应用 → 企业可信IP」中", 40056: "企业ID 不正确",
}


def public_host(base_url: str) -> tuple[str, list[str]]:
    """(host of PUBLIC_BASE_URL, warnings): WeChat wants a public https domain without a port."""
    parts = urllib.parse.urlsplit(base_url)
    host = parts.hostname or ""
    warnings = []
    if parts.scheme != "https":
        warnings.append("PUBLIC_BASE_URL 不是 https 地址: 小程序和公众号只接受 https/wss 域名")
    if parts.port:
        warnings.append("PUBLIC_BASE_URL 带端口: 微信填写的域名不能带端口,请用443端口的反向代理")
    try:
        ipaddress.ip_address(host)
        warnings.append("PUBLIC_BASE_URL 是IP地址: 微信只接受已备案的域名")
    except ValueError:
        if host == "localhost" or host.endswith(".local"):
            warnings.append("PUBLIC_BASE_URL 是本机地址: 手机和微信访问不到")
    return host, warnings


def console_settings(cfg, company_id: int) -> dict:
    """Every URL and domain to paste into the consoles, grouped by console and setting."""
    base = cfg.public_base_url.rstrip("/")
    host, warnings = public_host(base)
    home = (cfg.frontend_url or base).rstrip("/") + "/"

    def item(name, label, value, where):
        return {"name": name, "label": label, "value": value, "where": where}

    app = "应用管理 → 自建应用 → (本应用)"
    groups = [
        {"setting": "企业微信应用", "console": WECOM_CONSOLE, "items": [
            item("home_url", "应用主页", home, f"{app} → 应用主页"),
            item("trusted_domain", "可信域名", host, f"{app} → 网页授权及JS-SDK → 设置可信域名"),
            item("oauth_domain", "授权回调域 (企业微信授权登录)", host,
                 f"{app} → 企业微信授权登录 → Web网页 → 设置授权回调域"),
            item("login_redirect", "成员登录后跳转的地址",
                 f"{base}/zhugeleida/qiyeweixin/work_weixin_auth/{company_id}",
                 "由本服务在授权链接中带上,无需填写;可信域名必须是它的域名"),
        ]},
        {"setting": "企业微信回调", "console": WECOM_CONSOLE, "items": [
            item("callback_url", "接收消息服务器 URL", f"{base}/zhugeleida/qiyeweixin/callback/{company_id}",
                 f"{app} → 接收消息 → 设置API接收"),
            item("callback_token", "Token", f"与「{WHERE_TO_SET}」中的 callback_token 相同",
                 f"{app} → 接收消息 → 设置API接收"),
            item("callback_aes_key", "EncodingAESKey", f"与「{WHERE_TO_SET}」中的 callback_aes_key 相同",
                 f"{app} → 接收消息 → 设置API接收"),
        ]},
        {"setting": "公众号", "console": MP_CONSOLE, "items": [
            item("oauth_domain", "网页授权域名", host, "设置与开发 → 公众号设置 → 功能设置 → 网页授权域名"),
            item("jssdk_domain", "JS接口安全域名", host, "设置与开发 → 公众号设置 → 功能设置 → JS接口安全域名"),
            item("ip_whitelist", "IP白名单", "本服务器访问外网的出口IP", "设置与开发 → 基本配置 → IP白名单"),
        ]},
        {"setting": "小程序", "console": MP_CONSOLE, "items": [
            item("request_domain", "request合法域名", f"https://{host}", "开发 → 开发管理 → 开发设置 → 服务器域名"),
            item("socket_domain", "socket合法域名", f"wss://{host}", "开发 → 开发管理 → 开发设置 → 服务器域名"),
            item("upload_domain", "uploadFile合法域名", f"https://{host}", "开发 → 开发管理 → 开发设置 → 服务器域名"),
            item("download_domain", "downloadFile合法域名", f"https://{host}",
                 "开发 → 开发管理 → 开发设置 → 服务器域名"),
        ]},
    ]
    for group in groups:
        group["credentials_from"] = WHERE_TO_FIND[group["setting"]]
    return {"public_base_url": base, "ret_data": groups, "warnings": warnings}


async def check_credentials(client, company: dict) -> list[dict]:
    """Each credential of the company tried against WeChat: status ok | failed (WeChat said no, and
    why) | unreachable | missing; `source` says whether it is the company's own or the server's
    (WECHAT_MINI_*, WECHAT_GZH_*). A token in the cache was issued for exactly this secret."""
    values = credentials(company)
    results = []
    if values["corp_id"] and values["corp_secret"]:
        results.append(await _tried("企业微信应用", ["corp_id", "corp_secret"], "company",
                                    client.wecom_token(values["corp_id"], values["corp_secret"])))
    else:
        results.append(_missing("企业微信应用", ["corp_id", "corp_secret"]))
    callback = ["callback_token", "callback_aes_key"]
    results.append({"setting": "企业微信回调", "fields": callback, "source": "company", "errcode": None,
                    **({"status": "ok", "msg": "已填写: 企业微信在保存接收消息服务器时校验"}
                       if all(values[field] for field in callback) else _missing("企业微信回调", callback))})
    for kind, setting in (("gzh", "公众号"), ("mini", "小程序")):
        fields = [f"{kind}_appid", f"{kind}_secret"]
        try:
            appid, secret, source = client.app_credentials(company, kind)
        except ApiError:
            results.append(_missing(setting, fields))
            continue
        results.append(await _tried(setting, fields, source, client.client_token(appid, secret)))
    return results


async def _tried(setting: str, fields: list[str], source: str, attempt) -> dict:
    answer = {"setting": setting, "fields": fields, "source": source, "errcode": None}
    try:
        await attempt
    except WeChatError as error:
        words = ERRCODE_WORDS.get(error.errcode, "微信拒绝了这组凭据")
        return {**answer, "status": "failed", "errcode": error.errcode,
                "msg": f"{setting}: {words} (微信错误码 {error.errcode})"}
    except WeChatUnavailable as error:
        return {**answer, "status": "unreachable", "msg": f"{setting}: {error.msg}"}
    return {**answer, "status": "ok", "msg": f"{setting}: 凭据有效"}


def _missing(setting: str, fields: list[str]) -> dict:
    return {"setting": setting, "fields": fields, "source": "company", "errcode": None, "status": "missing",
            "msg": f"{setting}: 还没有配置,请在「{WHERE_TO_SET}」填写{WHERE_TO_FIND[setting]}"}


def checklist(cfg, db_kind: str, company: dict, has_radar_users: bool, client) -> list[dict]:
    """What a company needs before its radar works, each {name, label, done, hint}."""
    values = credentials(company)
    _host, warnings = public_host(cfg.public_base_url)

    def app_ready(kind: str) -> bool:
        try:
            client.app_credentials(company, kind)
        except ApiError:
            return False
        return True

    def entry(name, label, done, hint):
        return {"name": name, "label": label, "done": bool(done), "hint": "" if done else hint}

    return [
        entry("public_base_url", "服务器的公网地址", not warnings,
              "；".join(warnings) + "。请设置环境变量 PUBLIC_BASE_URL 为手机和微信能访问的 https 地址"),
        entry("wecom_app", "企业微信应用", all(values[f] for f in ("corp_id", "agent_id", "corp_secret")),
              f"请在「{WHERE_TO_SET}」填写{WHERE_TO_FIND['企业微信应用']}"),
        entry("wecom_callback", "企业微信回调 (成员同步)", values["callback_token"] and values["callback_aes_key"],
              f"请在「{WHERE_TO_SET}」填写{WHERE_TO_FIND['企业微信回调']}"),
        entry("mini_program", "小程序 (名片)", app_ready("mini"),
              f"请在「{WHERE_TO_SET}」填写{WHERE_TO_FIND['小程序']}"),
        entry("official_account", "公众号 (文章分享)", app_ready("gzh"),
              f"请在「{WHERE_TO_SET}」填写{WHERE_TO_FIND['公众号']}"),
        entry("radar_users", "销售人员", has_radar_users,
              "请在「管理 → 用户」添加销售 (普通用户),或由企业微信同步成员"),
        entry("database", "数据库", db_kind == "mongodb",
              "当前使用内置数据库,只适合试用;正式使用请运行 MongoDB 并设置环境变量 MONGO_URI"),
    ]
