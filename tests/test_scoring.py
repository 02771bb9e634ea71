"""AI 成交率 (ai_pr): computed from each customer's behaviour as it is recorded, explained, decaying
with age, independent of the manual forecast; outcomes, fitting per company, the address book's
order and the Boss radar's buckets."""

import asyncio
import dataclasses
import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import ConnectionFailure

from common.times import utcnow
from models import scoring, scoring_jobs
from server import schedule_fits
from settings import ROOT

Q = "/zhugeleida/qiyeweixin"
X = "/zhugeleida/xiaochengxu"
G = "/zhugeleida/gongzhonghao"
BOSS = "/zhugeleida/boosleida/home_page"
CARD_VIEW, PRODUCT_VIEW, PHONE_SAVE, PRAISE = 1, 2, 8, 9


async def profile(api, seller, customer) -> dict:
    return (await api.ok("GET", f"{Q}/customer", seller, params={"customer_id": customer["id"]}))["ret_data"][0]


async def relation(db, seller, customer) -> dict:
    return await db.belongers.find_one({"user_id": seller["id"], "customer_id": customer["id"]})


async def keen(api, clock, customer, seller) -> None:
    """A customer who views the card and a product, saves the phone and writes."""
    for action in (CARD_VIEW, PRODUCT_VIEW, PHONE_SAVE):
        await api.act(customer, action)
    clock.past_repeat_window(api.ctx.cfg)
    await api.act(customer, CARD_VIEW)
    await api.ok("POST", f"{X}/chat/send_msg/0", customer, form={
        "u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": "多少钱?"})})


async def forecast(api, seller, customer, pr: str) -> None:
    await api.ok("POST", f"{Q}/customer/update_expected_pr/{customer['id']}", seller, form={"expedted_pr": pr})


@pytest.mark.gen_test
async def test_the_score_moves_with_behaviour_and_not_with_the_forecast(api, seller, customer, clock):
    quiet = await api.customer_login(seller, "c2", username="张聪")
    for someone in (customer, quiet):
        await forecast(api, seller, someone, "50")
    await keen(api, clock, customer, seller)
    keen_score, quiet_score = (await profile(api, seller, customer))["ai_pr"], (await profile(api, seller, quiet))["ai_pr"]
    assert isinstance(keen_score, str) and int(keen_score) > int(quiet_score)  # same forecast, other behaviour
    for pr in ("90", "0"):
        await forecast(api, seller, customer, pr)
        await forecast(api, seller, quiet, pr)
        assert (await profile(api, seller, customer))["ai_pr"] == keen_score
        assert (await profile(api, seller, quiet))["ai_pr"] == quiet_score


@pytest.mark.gen_test
async def test_the_profile_explains_the_score(api, db, seller, customer, clock):
    await keen(api, clock, customer, seller)
    row = await profile(api, seller, customer)
    reasons = row["ai_pr_reasons"]
    assert 1 <= len(reasons) <= 3 and all(reason["points"] > 0 and reason["last_time"] == "今天" for reason in reasons)
    assert [reason["points"] for reason in reasons] == sorted((reason["points"] for reason in reasons), reverse=True)
    # The default weights: contact 1.0, two card views 2 x 0.3, a product 0.4, a message 0.35.
    assert [(reason["feature"], reason["reason"]) for reason in reasons] == [
        ("contact", "保存电话、拨打电话或复制微信、邮箱1次"), ("card_view", "浏览名片2次"), ("product_view", "查看产品1次")]
    stored = (await relation(db, seller, customer))["behaviour"]
    assert {name: mark["count"] for name, mark in stored.items()} == {
        "card_view": 2, "product_view": 1, "contact": 1, "messages_in": 1}
    assert row["outcome"] == "open"


@pytest.mark.gen_test
async def test_repeats_within_the_window_count_once(api, db, seller, customer):
    for _ in range(3):
        await api.act(customer, CARD_VIEW)
    assert (await relation(db, seller, customer))["behaviour"]["card_view"]["count"] == 1


@pytest.mark.gen_test
async def test_signals_decay_with_age(api, db, seller, customer, clock):
    await keen(api, clock, customer, seller)
    fresh = int((await profile(api, seller, customer))["ai_pr"])
    before = scoring.values(await relation(db, seller, customer), utcnow())
    clock.advance(scoring.HALF_LIFE_DAYS * 86400)
    after = scoring.values(await relation(db, seller, customer), utcnow())
    assert after["contact"] == pytest.approx(before["contact"] / 2, rel=1e-3)
    older = await profile(api, seller, customer)
    assert int(older["ai_pr"]) < fresh
    assert {reason["last_time"] for reason in older["ai_pr_reasons"]} == {f"{scoring.HALF_LIFE_DAYS}天前"}
    clock.advance(40 * scoring.HALF_LIFE_DAYS * 86400)  # all but forgotten: back to a stranger's score
    assert (await profile(api, seller, customer))["ai_pr"] == str(scoring.percent(scoring.DEFAULT_INTERCEPT))


@pytest.mark.gen_test
async def test_quick_replies_follow_ups_and_a_withdrawn_vote(api, db, seller, customer, clock):
    def send(who, params, text):
        return api.ok("POST", f"{Q if who is seller else X}/chat/send_msg/0", who, form={
            **params, "content": json.dumps({"info_type": 1, "msg": text})})

    await send(seller, {"customer_id": customer["id"]}, "在吗")
    clock.advance(600)
    await send(customer, {"u_id": seller["id"]}, "在")  # ten minutes later: a quick reply
    await send(seller, {"customer_id": customer["id"]}, "报价发您了")
    clock.advance(2 * scoring.FAST_REPLY_S)
    await send(customer, {"u_id": seller["id"]}, "收到")  # two hours later: not quick
    await send(customer, {"u_id": seller["id"]}, "谢谢")  # a second one in a row answers nothing
    await api.ok("POST", f"{Q}/follow_info/add/{customer['id']}", seller, form={"follow_info": "回访"})
    await api.ok("POST", f"{Q}/customer/update_expected_time/{customer['id']}", seller,
                 form={"expected_time": "2027-01-01"})  # a note the system writes: not a follow-up
    await api.act(customer, PRAISE)
    behaviour = (await relation(db, seller, customer))["behaviour"]
    assert {name: mark["count"] for name, mark in behaviour.items()} == {
        "messages_out": 2, "messages_in": 3, "fast_reply": 1, "follow_up": 1, "praise": 1}
    liked = int((await profile(api, seller, customer))["ai_pr"])
    await api.act(customer, PRAISE)  # withdrawn
    withdrawn = await relation(db, seller, customer)
    assert withdrawn["praised"] is False and withdrawn["behaviour"]["praise"]["count"] == 0
    assert scoring.values(withdrawn, utcnow())["praise"] == pytest.approx(0, abs=1e-6)
    assert int((await profile(api, seller, customer))["ai_pr"]) < liked


@pytest.fixture
def article(io_loop, api, admin, seller):
    async def make():
        await api.ok("POST", f"{Q}/company/update/1", admin, form={"gzh_appid": "wxgzh", "gzh_secret": "gzhsecret"})
        return (await api.ok("POST", f"{Q}/article/add/0", seller, form={"title": "品牌", "content": "正文"}))[
            "article_id"]
    return io_loop.run_sync(make)


@pytest.mark.gen_test
async def test_reading_staying_and_forwards_that_reach_others(api, db, seller, article, clock):
    first = await api.reader(seller, article, "r1")
    read = await api.read(first, article)
    clock.advance(90)
    await api.ok("GET", f"{G}/article/staytime/{article}", first, params={
        "uid": seller["id"], "article_access_log_id": read["article_access_log_id"], "seconds": 60})
    await api.ok("GET", f"{G}/article/forward_article/{article}", first, params={"uid": seller["id"], "forward_type": 1})
    second = await api.reader(seller, article, "r2", pid=first["id"])
    await api.read(second, article, pid=first["id"])
    third = await api.reader(seller, article, "r3", pid=second["id"])
    await api.read(third, article, pid=second["id"])  # two levels below the first reader
    behaviour = (await relation(db, seller, first))["behaviour"]
    assert {name: mark["count"] for name, mark in behaviour.items()} == {
        "article_read": 1, "article_stay": 1.0, "article_forward": 1, "forward_reach": 2}
    assert (await relation(db, seller, second))["behaviour"]["forward_reach"]["count"] == 1
    reasons = {reason["feature"]: reason["reason"] for reason in (await profile(api, seller, first))["ai_pr_reasons"]}
    assert reasons["article_forward"] == "转发文章1次"


@pytest.mark.gen_test
async def test_outcomes_are_marked_with_the_behaviour_of_that_moment(api, db, admin, seller, customer, clock):
    url = f"{Q}/customer/update_outcome/{customer['id']}"
    assert await api.call("POST", url, seller, form={"outcome": "100"}) == {
        "code": 301, "msg": "outcome: 只能是 won | lost | open", "data": {}}
    assert (await api.call("POST", url, seller))["code"] == 303
    colleague = await api.create_user(admin, "lisi")
    assert (await api.call("POST", url, colleague, form={"outcome": "won"}))["code"] == 302
    await forecast(api, seller, customer, "100")  # a forecast of 100 is not a win
    assert (await profile(api, seller, customer))["outcome"] == "open"
    await keen(api, clock, customer, seller)
    assert await api.ok("POST", url, seller, form={"outcome": "won"}) == {"outcome": "won"}
    marked = await relation(db, seller, customer)
    assert marked["outcome_behaviour"]["contact"] == pytest.approx(1, rel=1e-3)
    assert set(marked["outcome_behaviour"]) == set(scoring.BY_NAME)
    assert (await profile(api, seller, customer))["outcome"] == "won"
    await api.ok("POST", url, seller, form={"outcome": "open"})
    assert {"outcome", "outcome_behaviour", "outcome_date"}.isdisjoint(await relation(db, seller, customer))


@pytest.mark.gen_test
async def test_the_address_book_sorts_by_ai_pr(api, seller, customer, clock):
    others = [await api.customer_login(seller, f"c{n}", username=f"客户{n}") for n in (2, 3)]
    await api.act(others[1], PHONE_SAVE)
    await keen(api, clock, customer, seller)
    expected = [customer["id"], others[1]["id"], others[0]["id"]]
    for order, ids in (("-ai_pr", expected), ("ai_pr", expected[::-1])):
        rows = (await api.ok("GET", f"{Q}/tongxunlu", seller, params={"order": order}))["ret_data"]
        assert [row["customer_id"] for row in rows] == ids
        scores = [int(row["ai_pr"]) for row in rows]
        assert scores == sorted(scores, reverse=order.startswith("-"))


@pytest.mark.gen_test
async def test_the_boss_radar_buckets_by_ai_pr(api, db, admin, seller, customer, clock):
    quiet = await api.customer_login(seller, "c2", username="张聪")
    await keen(api, clock, customer, seller)
    for _ in range(3):
        await api.act(customer, PHONE_SAVE)
        await api.act(customer, CARD_VIEW)
        clock.past_repeat_window(api.ctx.cfg)
    scores = {c["id"]: int((await profile(api, seller, c))["ai_pr"]) for c in (customer, quiet)}
    buckets = {name: bounds for name, bounds in (("1_50_pr", (1, 50)), ("51_80_pr", (51, 80)),
                                                 ("81_99_pr", (81, 99)), ("100_pr", (100, 100)))}
    expected = {name: sorted(i for i, score in scores.items() if low <= score <= high)
                for name, (low, high) in buckets.items()}
    assert expected["1_50_pr"] == [quiet["id"]] and expected["81_99_pr"] == [customer["id"]]
    ranking = (await api.ok("GET", f"{BOSS}/expect_chengjiaolv_customer_num", admin, params={"by": "ai_pr"}))
    for name in buckets:
        got = ranking["ret_data"][name]
        assert [(row["user_id"], row["have_customer_num"]) for row in got] == (
            [(seller["id"], len(expected[name]))] if expected[name] else [])
        rows = (await api.ok("POST", f"{BOSS}/query_have_customer_detail_people", admin,
                             form={"query_user_id": seller["id"], "ai_pr": name}))["ret_data"]
        assert sorted(row["customer_id"] for row in rows) == expected[name]
        assert all(buckets[name][0] <= int(row["ai_pr"]) <= buckets[name][1] for row in rows)
    by_forecast = (await api.ok("GET", f"{BOSS}/expect_chengjiaolv_customer_num", admin))["ret_data"]
    assert all(rows == [] for rows in by_forecast.values())  # nobody has a manual forecast
    assert (await api.call("GET", f"{BOSS}/expect_chengjiaolv_customer_num", admin, params={"by": "x"}))["msg"] == \
        "by: 只能是 expedted_pr | ai_pr"
    assert (await api.call("POST", f"{BOSS}/query_have_customer_detail_people", admin,
                           form={"query_user_id": seller["id"], "ai_pr": "1_90_pr"}))["code"] == 301


async def outcomes(db, company_id: int, won: int, lost: int, start_id: int = 10_000) -> None:
    """Marked relations as customer/update_outcome leaves them: won ones saved the phone and wrote."""
    rows = []
    for index in range(won + lost):
        is_won = index < won
        snapshot = {name: 0.0 for name in scoring.BY_NAME}
        snapshot.update(contact=1.0 + index % 3, messages_in=2.0 + index % 2) if is_won else \
            snapshot.update(card_view=1.0 + index % 4, messages_out=3.0)
        rows.append({"_id": start_id + index, "company_id": company_id, "user_id": 999, "customer_id": start_id + index,
                     "outcome": "won" if is_won else "lost", "outcome_behaviour": snapshot})
    await db.belongers.insert_many(rows)


@pytest.mark.gen_test
async def test_a_company_with_enough_outcomes_gets_its_own_weights(api, db, admin, seller, customer, clock):
    await keen(api, clock, customer, seller)
    by_default = await profile(api, seller, customer)
    model = (await api.ok("GET", f"{BOSS}/ai_pr_model", admin))["ret_data"]
    assert (model["fit"], model["won"], model["min_outcomes"]) == (None, 0, 20)
    assert {f["feature"]: f["weight"] for f in model["features"]} == scoring.DEFAULT_MODEL["weights"]
    await outcomes(db, 1, won=19, lost=25)
    assert (await scoring_jobs.fit_company(db, 1, 20))["fitted"] is False  # 19 won: not yet
    await db.belongers.update_one({"_id": 10_000 + 19}, {"$set": {"outcome": "won"}})
    summary = await scoring_jobs.fit_company(db, 1, 20)
    assert summary["fitted"] is True and (summary["won"], summary["lost"]) == (20, 24) and summary["auc"] > 0.9
    company = await db.companies.find_one({"_id": 1})
    fitted = company["ai_pr_model"]
    assert fitted["weights"]["contact"] > 0 > fitted["weights"]["messages_out"]
    mine = await relation(db, seller, customer)
    assert mine["ai_rank"] == pytest.approx(sum(fitted["weights"][name] * mark["decayed"]
                                                for name, mark in mine["behaviour"].items()), rel=1e-9)
    now = await profile(api, seller, customer)  # read with the company's weights at once
    assert now["ai_pr"] == str(scoring.ai_pr(fitted, mine, utcnow())) != by_default["ai_pr"]
    model = (await api.ok("GET", f"{BOSS}/ai_pr_model", admin))["ret_data"]
    assert (model["fit"]["won"], model["fit"]["lost"], model["won"]) == (20, 24, 20)
    await db.belongers.update_many({"company_id": 1, "user_id": 999}, {"$set": {"outcome": "open"}})
    assert (await scoring_jobs.fit_company(db, 1, 20))["fitted"] is False  # back to the defaults
    assert "ai_pr_model" not in await db.companies.find_one({"_id": 1})
    assert (await profile(api, seller, customer))["ai_pr"] == by_default["ai_pr"]


@pytest.mark.gen_test
async def test_rescoring_runs_a_batch_at_a_time_and_not_again_for_the_same_weights_within_a_day(api, db, commands, seller,
                                                                                    customer, clock, monkeypatch):
    await keen(api, clock, customer, seller)
    await outcomes(db, 1, won=3, lost=4)
    monkeypatch.setattr(scoring, "RESCORE_BATCH", 3)
    relations = await db.belongers.count_documents({"company_id": 1})
    other = {"intercept": 0.0, "weights": {**scoring.DEFAULT_MODEL["weights"], "contact": 5.0}}

    def rank_with(model, belonger):
        return sum(model["weights"][name] * mark["decayed"] for name, mark in belonger["behaviour"].items())

    for model, expected in ((other, relations), (other, 0), (scoring.DEFAULT_MODEL, relations)):
        with commands.recording() as seen:
            await scoring.rescore(db, 1, model)
        # Every relation in commands of RESCORE_BATCH; none for the weights the ranks already have.
        assert commands.names(seen).count("update belongers") == -(-expected // 3)
        mine = await relation(db, seller, customer)
        assert mine["ai_rank"] == pytest.approx(rank_with(model, mine), rel=1e-9) != 0
    with commands.recording() as seen:  # a restart's fit with the defaults again: nothing rewritten
        assert (await scoring_jobs.fit_company(db, 1, 20))["rescored"] == 0
    assert "update belongers" not in commands.names(seen)
    # A rescoring cut short (its mark is off while it runs) is done again in full, however equal the weights.
    batches = AsyncCollection.update_many

    async def cut_after_one(collection, *args, **kwargs):
        if collection.name == "belongers" and cut_after_one.done:
            raise ConnectionFailure("the database went away")
        cut_after_one.done += 1
        return await batches(collection, *args, **kwargs)

    cut_after_one.done = 0
    await db.companies.update_one({"_id": 1}, {"$set": {"ai_pr_scored_at": datetime(2000, 1, 1, tzinfo=UTC)}})
    monkeypatch.setattr(AsyncCollection, "update_many", cut_after_one)
    with pytest.raises(ConnectionFailure):
        await scoring.rescore(db, 1, scoring.DEFAULT_MODEL)
    monkeypatch.setattr(AsyncCollection, "update_many", batches)
    assert "ai_pr_scored_with" not in await db.companies.find_one({"_id": 1})
    with commands.recording() as seen:
        await scoring.rescore(db, 1, scoring.DEFAULT_MODEL)
    assert commands.names(seen).count("update belongers") == -(-relations // 3)
    # And a day later the same weights are applied whole again: a rank moved with stale weights does not last.
    clock.advance(scoring.RESCORE_AT_LEAST_EVERY.total_seconds() - 60)
    with commands.recording() as seen:
        await scoring.rescore(db, 1, scoring.DEFAULT_MODEL)
    assert "update belongers" not in commands.names(seen)
    clock.advance(120)
    with commands.recording() as seen:
        await scoring.rescore(db, 1, scoring.DEFAULT_MODEL)
    assert commands.names(seen).count("update belongers") == -(-relations // 3)


@pytest.mark.gen_test
@pytest.mark.parametrize("settings_overrides", [{"ai_pr_fit_every_s": 3600}])
async def test_the_server_fits_at_start_and_on_a_schedule(api, db, seller, customer, settings_overrides):
    await outcomes(db, 1, won=20, lost=20)
    fitting = schedule_fits(api.ctx)
    try:
        for _ in range(100):
            company = await db.companies.find_one({"_id": 1})
            if "ai_pr_model" in company:
                break
            await asyncio.sleep(0.05)
        assert company["ai_pr_model"]["won"] == 20 and fitting.callback_time == 3600 * 1000 and fitting.is_running()
    finally:
        fitting.stop()
    never = dataclasses.replace(api.ctx, cfg=dataclasses.replace(api.ctx.cfg, ai_pr_fit_every_s=0))
    assert schedule_fits(never) is None


def test_fit_scores_and_rebuild_scores_cli(tmp_path):
    env = {**os.environ, "DATA_DIR": str(tmp_path), "LOG_LEVEL": "ERROR"}
    env.pop("MONGO_URI", None)
    made = subprocess.run([sys.executable, "server.py", "create-admin", "--username", "boss", "--password", "secret1"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    fitted = subprocess.run([sys.executable, "server.py", "fit-scores"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert fitted.returncode == 0, fitted.stderr
    assert json.loads(fitted.stdout.strip().splitlines()[-1]) == [
        {"company_id": 1, "won": 0, "lost": 0, "fitted": False, "rescored": 0}]
    rebuilt = subprocess.run([sys.executable, "server.py", "rebuild-scores"], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads(rebuilt.stdout.strip().splitlines()[-1]) == {"relations": 0, "different": []}


@pytest.mark.gen_test
async def test_what_recording_costs_where_no_write_could_carry_it(api, commands, seller, article, clock):
    """A credited stay report and a reader arriving through another reader's link each send one more
    command, together with the one they already send."""
    first = await api.reader(seller, article, "r1")
    read = await api.read(first, article)
    clock.advance(30)
    with commands.recording() as seen:
        await api.ok("GET", f"{G}/article/staytime/{article}", first, params={
            "uid": seller["id"], "article_access_log_id": read["article_access_log_id"], "seconds": 20})
    assert sorted(commands.names(seen)) == ["findAndModify article_reads", "update article_nodes", "update belongers"]
    second = await api.reader(seller, article, "r2", pid=first["id"])
    with commands.recording() as seen:
        await api.read(second, article, pid=first["id"])
    # Sent with the ancestors' tree counters: its ancestor's reach (the other: its own activity and read).
    assert commands.names(seen).count("update belongers") == 2


@pytest.mark.gen_test
async def test_too_few_outcomes_for_the_cross_validation_keep_the_defaults(db, admin):
    await outcomes(db, 1, won=4, lost=4)
    assert (await scoring_jobs.fit_company(db, 1, 1))["fitted"] is False  # 5 of each at least, whatever the setting
    assert "ai_pr_model" not in await db.companies.find_one({"_id": 1})


@pytest.mark.gen_test(timeout=120)
async def test_the_live_writes_record_what_the_raw_collections_hold(api, db, admin, seller, fake_wechat, clock):
    """A company's every kind of activity (tests/world.py), recorded live, then rebuilt from the logs,
    chats, notes and article trees (server.py rebuild-scores): the same behaviour."""
    from tests.world import build

    first = (await build(api, admin, seller, fake_wechat, clock))["first"]
    for action in (4, 7):
        await api.act(first, action)
    await api.ok("POST", f"{X}/chat/send_msg/0", first, form={  # answers the radar user's 你好 at once
        "u_id": seller["id"], "content": json.dumps({"info_type": 1, "msg": "好的"})})
    live = {row["_id"]: row async for row in db.belongers.find({})}
    assert {name for row in live.values() for name in row.get("behaviour", {})} == set(scoring.BY_NAME)
    one = next(iter(live))
    await db.belongers.update_one({"_id": one}, {"$unset": {"behaviour": "", "ai_rank": ""}})  # recorded before
    assert await scoring_jobs.rebuild(db) == {"relations": len(live), "different": [one]}
    now = utcnow()
    async for row in db.belongers.find({}):  # a log is stamped a few ms after its relation moved: 1e-6 is 1 s
        assert scoring.values(row, now) == pytest.approx(scoring.values(live[row["_id"]], now), rel=1e-6, abs=1e-12)
        assert row["ai_rank"] == pytest.approx(live[row["_id"]]["ai_rank"], rel=1e-6)
    assert await scoring_jobs.rebuild(db) == {"relations": len(live), "different": []}
