"""The WeChat / WeCom OAuth URLs we build (they open on the phone, never call us back directly)."""

import urllib.parse

OAUTH_AUTHORIZE = "https://open.weixin.qq.com/connect/oauth2/authorize"


def oauth_authorize(appid: str, redirect_uri: str, *, scope: str = "snsapi_base", state: str = "",
                    agentid: str | None = None, component_appid: str | None = None) -> str:
    """WeChat's (and WeCom's) web OAuth page, which sends the phone on to redirect_uri?code=&state=."""
    query = {"appid": appid, "redirect_uri": redirect_uri, "response_type": "code", "scope": scope, "state": state}
    if agentid:
        query["agentid"] = agentid
    if component_appid:
        query["component_appid"] = component_appid
    return f"{OAUTH_AUTHORIZE}?{urllib.parse.urlencode(query)}#wechat_redirect"


def is_oauth_authorize(url: str) -> bool:
    return url.startswith(f"{OAUTH_AUTHORIZE}?")


def relate(article_id: int, pid: int | None, level: int, uid: int, company_id: int) -> str:
    """The seed's forward-tree parameter: article_id_<a>|pid_<p>|level_<l>|uid_<u>|company_id_<c>."""
    return f"article_id_{article_id}|pid_{'' if pid is None else pid}|level_{level}|uid_{uid}|company_id_{company_id}"


def official_share_url(base_url: str, gzh_appid: str, relate_text: str, component_appid: str | None) -> str:
    """The link a radar user (or a reader) shares: our redirect page, which forwards to the official
    account's OAuth page, which sends the reader to work_gongzhonghao_auth?relate=...&code=."""
    redirect = f"{base_url}/zhugeleida/gongzhonghao/work_gongzhonghao_auth?relate={relate_text}"
    authorize = oauth_authorize(gzh_appid, redirect, scope="snsapi_userinfo", state="snsapi_userinfo",
                                component_appid=component_appid)
    return (f"{base_url}/zhugeleida/gongzhonghao/work_gongzhonghao_auth/redirect_share_url"
            f"?share_url={urllib.parse.quote(authorize, safe='')}")
