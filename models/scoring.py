"""AI 成交率 (ai_pr): how likely, 0-100, a customer is to become this radar user's deal, judged from
what the customer did and how the conversation goes, with the main reasons. It never reads the
manual forecast (expedted_pr).

Each relation (belonger) keeps `behaviour.<feature>` = {decayed, count, last}. An event of size a
at time t adds a·2^((t - EPOCH) / HALF_LIFE) to `decayed`: an exponentially decayed sum kept
relative to a fixed epoch, so recording it needs no read (an $inc folded into the update the event
already sends) and its value at any time is decayed·2^(-(now - EPOCH) / HALF_LIFE): every event
counts half as much HALF_LIFE_DAYS later. The score is a logistic model of those values,

    ai_pr = 100·σ(intercept + Σ weight_f·value_f(now)),

linear in the decayed sums, so `ai_rank` = Σ weight_f·decayed_f (an $inc too) orders relations
exactly as their ai_pr does at any moment: the address book sorts on it and the Boss radar's
buckets are ranges of it, both with an index. A company's weights are its fitted model
(models/scoring_jobs.py) or DEFAULT_MODEL; a new fit rescores the company's ai_rank.

2^(days / 14) stays within a double's range for 1,023 half-lives after EPOCH (until 2065).
"""

import dataclasses
import math
from datetime import UTC, datetime, timedelta

from pymongo import ReturnDocument

from common.errors import invalid, not_found
from common.times import follow_texts, iso, utcnow
from models import companies

HALF_LIFE_DAYS = 14
HALF_LIFE_S = HALF_LIFE_DAYS * 86400
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
FAST_REPLY_S = 3600  # a customer's message this soon after the radar user's is a quick reply
OUTCOMES = ("won", "lost", "open")  # 赢单, 输单, not decided (a forecast of 100 is not a win)
TOP_REASONS = 3
FIT_FOLDS = 5  # the fit's cross-validation: each fold needs a won and a lost customer


@dataclasses.dataclass(frozen=True)
class Feature:
    name: str
    reason: str  # the reason's text; {n} is how many times in all
    weight: float  # the default weight, per unit of decayed value
    undone: str = ""  # the text when the count is back to 0 (a withdrawn 靠谱)


FEATURES = (
    Feature("card_view", "浏览名片{n}次", 0.30),
    Feature("product_view", "查看产品{n}次", 0.40),
    Feature("website_view", "查看官网、动态或语音{n}次", 0.30),
    Feature("contact", "保存电话、拨打电话或复制微信、邮箱{n}次", 1.00),
    Feature("card_forward", "转发名片{n}次", 0.50),
    Feature("product_consult", "咨询产品{n}次", 0.80),
    Feature("praise", "觉得您靠谱", 0.60, undone="取消了靠谱评价"),
    Feature("article_read", "阅读文章{n}次", 0.25),
    Feature("article_stay", "阅读文章共{n}分钟", 0.10),
    Feature("article_forward", "转发文章{n}次", 0.50),
    Feature("forward_reach", "转发带来{n}位读者", 0.15),
    Feature("messages_in", "主动咨询{n}次", 0.35),
    Feature("fast_reply", "1小时内回复您{n}次", 0.50),
    Feature("messages_out", "您发出消息{n}条", 0.05),
    Feature("follow_up", "跟进{n}次", 0.30),
)
BY_NAME = {feature.name: feature for feature in FEATURES}
DEFAULT_INTERCEPT = -4.0
DEFAULT_MODEL = {"intercept": DEFAULT_INTERCEPT, "weights": {feature.name: feature.weight for feature in FEATURES}}
# The customer actions (models/actions.py codes) each feature counts.
ACTION_FEATURES = {1: "card_view", 2: "product_view", 3: "website_view", 4: "website_view", 11: "website_view",
                   5: "contact", 8: "contact", 10: "contact", 12: "contact", 6: "card_forward", 7: "product_consult",
                   14: "article_read", 15: "article_forward", 16: "article_forward"}


def _scale(when: datetime) -> float:
    return 2.0 ** ((when - EPOCH).total_seconds() / HALF_LIFE_S)


async def model_of(db, company_id: int) -> dict:
    """The company's weights: its fitted model, else the defaults (the company comes from the cache)."""
    company = await companies.get(db, company_id) or {}
    return company.get("ai_pr_model") or DEFAULT_MODEL


# ----- recording (folded into the writes events already send) ----------------------------------
def recorded(model: dict, feature: str, amount: float, when: datetime) -> dict:
    """The update operators that record `amount` of a feature at `when`."""
    scaled = amount * _scale(when)
    return {"$inc": {f"behaviour.{feature}.decayed": scaled, f"behaviour.{feature}.count": amount,
                     "ai_rank": model["weights"].get(feature, 0.0) * scaled},
            "$max": {f"behaviour.{feature}.last": when}}


def fold(relation: dict, update: dict) -> None:
    """What the database does with recorded()'s $inc and $max, on a relation in memory."""
    for operator, fields in update.items():
        for path, value in fields.items():
            *parents, leaf = path.split(".")
            node = relation
            for name in parents:
                node = node.setdefault(name, {})
            node[leaf] = node.get(leaf, 0) + value if operator == "$inc" else max(node.get(leaf, value), value)


def merged(*updates: dict) -> dict:
    """Update documents combined operator by operator; two $inc of one field add up."""
    total: dict = {}
    for update in updates:
        for operator, fields in update.items():
            target = total.setdefault(operator, {})
            for field, value in fields.items():
                target[field] = target[field] + value if operator == "$inc" and field in target else value
    return total


def toggled(model: dict, feature: str, flag: str, when: datetime) -> dict:
    """A pipeline stage for a vote the customer toggles: once `flag` has been flipped, one more of
    the feature when it is now true, one less when it was withdrawn (net votes never grow)."""
    scaled = _scale(when)
    sign = {"$cond": [{"$eq": [f"${flag}", True]}, 1, -1]}

    def plus(field: str, amount: float) -> dict:
        return {"$add": [{"$ifNull": [f"${field}", 0]}, {"$multiply": [sign, amount]}]}

    path = f"behaviour.{feature}"
    return {"$set": {f"{path}.decayed": plus(f"{path}.decayed", scaled), f"{path}.count": plus(f"{path}.count", 1),
                     f"{path}.last": when, "ai_rank": plus("ai_rank", model["weights"].get(feature, 0.0) * scaled)}}


def is_quick_reply(belonger: dict, now: datetime) -> bool:
    """Whether a customer's message now answers the radar user's last one within FAST_REPLY_S
    (belonger: the relation before this message)."""
    last = belonger.get("last_chat") or {}
    sent = belonger.get("last_chat_date")
    return last.get("send_type") == 1 and sent is not None and (now - sent).total_seconds() <= FAST_REPLY_S


# ----- reading ----------------------------------------------------------------------------------
def values(belonger: dict, when: datetime) -> dict[str, float]:
    """Each feature's decayed value at `when`."""
    behaviour = belonger.get("behaviour") or {}
    back = 1.0 / _scale(when)
    return {feature.name: (behaviour.get(feature.name) or {}).get("decayed", 0.0) * back for feature in FEATURES}


def logit(model: dict, feature_values: dict[str, float]) -> float:
    weights = model["weights"]
    return model["intercept"] + sum(weights.get(name, 0.0) * value for name, value in feature_values.items())


def probability(z: float) -> float:
    if z < -700:  # exp would overflow; the chance is 0 to any precision we show
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def percent(z: float) -> int:
    """The logit as the whole percentage shown (half up)."""
    return min(100, math.floor(100 * probability(z) + 0.5))


def ai_pr(model: dict, belonger: dict, when: datetime) -> int:
    return percent(logit(model, values(belonger, when)))


def _how_many(count: float) -> str:
    return str(max(1, round(count)))


def reasons(model: dict, belonger: dict, when: datetime, top: int = TOP_REASONS) -> list[dict]:
    """The features that move this score most: each with its text, when it last happened and
    `points`, how much lower (or higher) ai_pr would be without it."""
    feature_values = values(belonger, when)
    z = logit(model, feature_values)
    score = percent(z)
    behaviour = belonger.get("behaviour") or {}
    found = []
    for feature in FEATURES:
        mark = behaviour.get(feature.name)
        if not mark:
            continue
        points = score - percent(z - model["weights"].get(feature.name, 0.0) * feature_values[feature.name])
        if points == 0:
            continue
        count = mark.get("count", 0)
        text = feature.reason.format(n=_how_many(count)) if count > 0 or not feature.undone else feature.undone
        found.append({"feature": feature.name, "reason": text, "last_time": follow_texts(mark.get("last"))[0],
                      "points": points})
    found.sort(key=lambda reason: -abs(reason["points"]))
    return found[:top]


def _logit_of(percentage: float) -> float:
    return math.log(percentage / (100 - percentage))


def rank_range(model: dict, low: int, high: int, when: datetime) -> dict:
    """The ai_rank condition of the relations whose ai_pr is low..high at `when`."""
    condition = {}
    if low > 0:
        condition["$gte"] = (_logit_of(low - 0.5) - model["intercept"]) * _scale(when)
    if high < 100:
        condition["$lt"] = (_logit_of(high + 0.5) - model["intercept"]) * _scale(when)
    return condition


# ----- outcomes ---------------------------------------------------------------------------------
def outcomes_needed(min_outcomes: int) -> int:
    """Won customers, and as many lost, a company needs for its own weights (AI_PR_MIN_OUTCOMES, at
    least one per fold)."""
    return max(min_outcomes, FIT_FOLDS)


def check_outcome(outcome: str) -> str:
    if outcome not in OUTCOMES:
        raise invalid("outcome", f"只能是 {' | '.join(OUTCOMES)}")
    return outcome


async def set_outcome(db, user: dict, customer_id: int, outcome: str) -> dict:
    """Mark the relation won or lost (open takes the mark back). The behaviour's values at that
    moment are kept with the mark (`outcome_behaviour`): what the company's model learns from is
    how the customer behaved before the outcome, not after. One round trip."""
    mine = {"user_id": user["_id"], "customer_id": customer_id, "company_id": user["company_id"]}
    now = utcnow()
    if outcome == "open":
        update = [{"$unset": ["outcome", "outcome_date", "outcome_behaviour"]}]
    else:
        back = 1.0 / _scale(now)
        snapshot = {feature.name: {"$multiply": [{"$ifNull": [f"$behaviour.{feature.name}.decayed", 0]}, back]}
                    for feature in FEATURES}
        update = [{"$set": {"outcome": outcome, "outcome_date": now, "outcome_behaviour": snapshot}}]
    belonger = await db.belongers.find_one_and_update(mine, update, return_document=ReturnDocument.AFTER)
    if not belonger:
        raise not_found("客户ID")
    return belonger


# Relations rescored per command: the embedded database runs one command at a time and rewrites a
# relation in ~2 ms, so a company's rescoring must not be one command holding it for seconds.
RESCORE_BATCH = 50
# However settled the weights, a company is rescored whole at least this often (see rescore).
RESCORE_AT_LEAST_EVERY = timedelta(days=1)
NEVER = datetime.min.replace(tzinfo=UTC)


def scored_with(model: dict) -> list:
    """What a company's ai_ranks were computed with: the weights, in feature order."""
    return [[name, model["weights"][name]] for name in sorted(model["weights"])]


async def rescore(db, company_id: int, model: dict) -> int:
    """Every relation's ai_rank of the company recomputed with these weights, RESCORE_BATCH at a time:
    after a fit, or when the default weights changed. Skipped when the ranks were last computed whole
    with these same weights less than RESCORE_AT_LEAST_EVERY ago (a restart, a refit that learned
    nothing new): every write since moved them with these weights. The mark is taken off while the
    batches run, so a rescoring cut short or overtaken by another is done again in full, and the
    full pass comes back daily, so a rank moved with stale weights by another process does not last.
    Returns how many changed."""
    weights = scored_with(model)
    company = await db.companies.find_one({"_id": company_id}, {"ai_pr_scored_with": 1, "ai_pr_scored_at": 1})
    if company is None:
        return 0
    if company.get("ai_pr_scored_with") == weights and \
            utcnow() - company.get("ai_pr_scored_at", NEVER) < RESCORE_AT_LEAST_EVERY:
        return 0
    await db.companies.update_one({"_id": company_id}, {"$unset": {"ai_pr_scored_with": "", "ai_pr_scored_at": ""}})
    terms = [{"$multiply": [weight, {"$ifNull": [f"$behaviour.{name}.decayed", 0]}]}
             for name, weight in model["weights"].items() if name in BY_NAME and weight]
    relations = [row["_id"] for row in await db.belongers.find({"company_id": company_id}, {"_id": 1}).to_list()]
    changed = 0
    for start in range(0, len(relations), RESCORE_BATCH):
        result = await db.belongers.update_many({"_id": {"$in": relations[start:start + RESCORE_BATCH]}},
                                                [{"$set": {"ai_rank": {"$add": [0.0, *terms]}}}])
        changed += result.modified_count
    await db.companies.update_one({"_id": company_id},
                                  {"$set": {"ai_pr_scored_with": weights, "ai_pr_scored_at": utcnow()}})
    return changed


async def model_summary(db, company_id: int, min_outcomes: int) -> dict:
    """What the company's AI 成交率 stands on: its fitted weights (with the outcomes they were fitted
    on and their cross-validated AUC) or the defaults, and the outcomes marked so far."""
    fitted = (await companies.get(db, company_id) or {}).get("ai_pr_model")
    model = fitted or DEFAULT_MODEL
    pipeline = [{"$match": {"company_id": company_id, "outcome": {"$in": ["won", "lost"]}}},
                {"$group": {"_id": "$outcome", "n": {"$sum": 1}}}]
    counts = {row["_id"]: row["n"] for row in await (await db.belongers.aggregate(pipeline)).to_list()}
    return {
        "won": counts.get("won", 0), "lost": counts.get("lost", 0), "min_outcomes": outcomes_needed(min_outcomes),
        "fit": {"won": fitted["won"], "lost": fitted["lost"], "auc": round(fitted["auc"], 3),
                "fitted_at": iso(fitted["fitted_at"])} if fitted else None,
        "half_life_days": HALF_LIFE_DAYS, "intercept": round(model["intercept"], 4),
        "features": [{"feature": feature.name, "reason": feature.reason.format(n="N"),
                      "weight": round(model["weights"].get(feature.name, 0.0), 4), "default_weight": feature.weight}
                     for feature in FEATURES],
    }
