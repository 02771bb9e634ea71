"""Help for the admin connecting a company to WeChat: what to paste into the consoles, which
credential works (tried against the fake WeChat's error modes), and the setup checklist."""

import pytest

Q = "/zhugeleida/qiyeweixin"


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"public_base_url": "https://radar.example.com"}])
async def test_console_settings_are_computed_from_the_public_base_url(api, admin, seller, settings_overrides):
    data = await api.ok("GET", f"{Q}/company/console_settings/1", admin)
    assert data["public_base_url"] == "https://radar.example.com" and data["warnings"] == []
    values = {(group["setting"], item["name"]): item["value"] for group in data["ret_data"] for item in group["items"]}
    assert values[("企业微信回调", "callback_url")] == "https://radar.example.com/zhugeleida/qiyeweixin/callback/1"
    assert values[("企业微信应用", "trusted_domain")] == values[("公众号", "jssdk_domain")] == "radar.example.com"
    assert values[("公众号", "oauth_domain")] == "radar.example.com"
    assert values[("小程序", "request_domain")] == "https://radar.example.com"
    assert values[("小程序", "socket_domain")] == "wss://radar.example.com"
    assert values[("企业微信应用", "home_url")] == "https://radar.example.com/"
    group = data["ret_data"][0]
    assert group["console"].startswith("企业微信管理后台") and group["items"][1]["where"].endswith("设置可信域名")
    assert "AgentId" in group["credentials_from"]
    assert (await api.get(f"{Q}/company/console_settings/1", seller))["code"] == 404  # admins only
    assert (await api.get(f"{Q}/company/console_settings/99", admin))["code"] == 302


@pytest.mark.gen_test
async def test_a_local_base_url_is_warned_about(api, admin):
    data = await api.ok("GET", f"{Q}/company/console_settings/1", admin)  # the suite's http://radar.test
    assert data["warnings"] == ["PUBLIC_BASE_URL 不是 https 地址: 小程序和公众号只接受 https/wss 域名"]


@pytest.mark.gen_test
async def test_each_credential_is_tried_and_a_failure_says_which_and_why(api, admin, fake_wechat):
    await api.ok("POST", f"{Q}/company/update/1", admin, form={
        "corp_id": "wwcorp", "corp_secret": "wrong-secret", "gzh_appid": "wxgzh", "gzh_secret": "gzhsecret"})
    fake_wechat.refused = {"wrong-secret": 40001, "gzhsecret": 40164}
    data = await api.ok("GET", f"{Q}/company/check_wechat/1", admin)
    results = {r["setting"]: r for r in data["ret_data"]}
    assert data["all_ok"] is False
    assert (results["企业微信应用"]["status"], results["企业微信应用"]["errcode"]) == ("failed", 40001)
    assert results["企业微信应用"]["msg"] == "企业微信应用: Secret 不正确 (或已重置) (微信错误码 40001)"
    assert results["公众号"]["msg"] == "公众号: 本服务器的IP不在公众平台「基本配置 → IP白名单」中 (微信错误码 40164)"
    assert results["公众号"]["source"] == "company"
    # The mini-program comes from the server's settings (WECHAT_MINI_*) and works.
    assert (results["小程序"]["status"], results["小程序"]["source"]) == ("ok", "settings")
    assert results["企业微信回调"]["status"] == "missing" and results["企业微信回调"]["msg"].startswith(
        "企业微信回调: 还没有配置,请在「管理 → 公司 → 微信设置」填写")
    fake_wechat.refused = {}
    await api.ok("POST", f"{Q}/company/update/1", admin, form={"corp_secret": "corpsecret", "callback_token": "t",
                                                                "callback_aes_key": "A" * 43})
    data = await api.ok("GET", f"{Q}/company/check_wechat/1", admin)
    assert data["all_ok"] is True, data


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"wechat_timeout_s": 0.3, "wechat_mini_appid": ""}])
async def test_an_unreachable_wechat_is_told_apart(api, admin, fake_wechat, settings_overrides):
    await api.ok("POST", f"{Q}/company/update/1", admin, form={"gzh_appid": "wxgzh", "gzh_secret": "s2"})
    fake_wechat.silent = True
    results = {r["setting"]: r for r in (await api.ok("GET", f"{Q}/company/check_wechat/1", admin))["ret_data"]}
    assert results["公众号"]["status"] == "unreachable" and results["公众号"]["msg"].startswith("公众号: 微信服务暂时不可用")
    assert results["小程序"]["status"] == "missing"


@pytest.mark.gen_test
async def test_the_checklist_says_what_is_missing(api, admin):
    data = await api.ok("GET", f"{Q}/company/checklist/1", admin)
    items = {item["name"]: item for item in data["ret_data"]}
    assert data["complete"] is False
    assert {name for name, item in items.items() if item["done"]} == {"mini_program"}  # WECHAT_MINI_* is set
    assert items["radar_users"]["hint"].startswith("请在「管理 → 用户」添加销售")
    assert items["database"]["hint"].endswith("MONGO_URI")
    assert items["official_account"]["hint"] == "请在「管理 → 公司 → 微信设置」填写微信公众平台「设置与开发 → 基本配置」的AppID和AppSecret"
    await api.create_user(admin, "seller1")
    await api.ok("POST", f"{Q}/company/update/1", admin, form={
        "corp_id": "wwcorp", "agent_id": "1000002", "corp_secret": "c", "callback_token": "t",
        "callback_aes_key": "A" * 43, "gzh_appid": "wxgzh", "gzh_secret": "g"})
    items = {i["name"]: i for i in (await api.ok("GET", f"{Q}/company/checklist/1", admin))["ret_data"]}
    assert {name for name, item in items.items() if not item["done"]} == {"public_base_url", "database"}
    assert items["wecom_app"]["hint"] == ""
