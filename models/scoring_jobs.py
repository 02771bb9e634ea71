"""The jobs of AI 成交率 that no request waits for: fitting each company's weights to its own
outcomes (scikit-learn's logistic regression), and rebuilding the behaviour from the raw collections.

A company that has marked at least AI_PR_MIN_OUTCOMES customers won and as many lost gets weights
fitted on them: the features are the behaviour's decayed values at the moment each outcome was
marked (`outcome_behaviour`), standardized, and an L2-regularized logistic regression (C=1) is
fitted; its coefficients are folded back to weights per unit of decayed value, so reading a score
needs only the weights. Their 5-fold cross-validated AUC is kept beside them. A company with fewer
outcomes uses the default weights (models/scoring.py). Either way the company's ai_rank is
recomputed. Runs on a schedule started by the server (AI_PR_FIT_EVERY_S) and as
`python server.py fit-scores`; the fitting itself runs in a worker thread, off the IOLoop.

`python server.py rebuild-scores` recomputes every relation's behaviour from the logs, chats,
follow-up notes and article trees (data recorded before AI 成交率 existed, or a repair) and reports
the relations whose counts differed.
"""

import asyncio

import numpy as np
from pymongo import UpdateOne
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from common.times import utcnow
from models import accounts, follow, scoring


def matrix(behaviours: list[dict]) -> np.ndarray:
    """One row per outcome, one column per feature (scoring.FEATURES order)."""
    return np.array([[behaviour.get(feature.name, 0.0) for feature in scoring.FEATURES] for behaviour in behaviours],
                    dtype=float).reshape(len(behaviours), len(scoring.FEATURES))


def fit(behaviours: list[dict], won: list[bool]) -> dict:
    """{"intercept", "weights", "auc", "won", "lost"}: a logistic regression of won on the behaviour."""
    x, y = matrix(behaviours), np.array(won, dtype=int)
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))
    folds = StratifiedKFold(n_splits=scoring.FIT_FOLDS, shuffle=True, random_state=0)
    auc = float(cross_val_score(model, x, y, cv=folds, scoring="roc_auc").mean())
    model.fit(x, y)
    scaler, regression = model[0], model[1]
    # z = b + Σ c·(x − mean)/scale = (b − Σ c·mean/scale) + Σ (c/scale)·x
    weights = regression.coef_[0] / scaler.scale_
    intercept = float(regression.intercept_[0] - np.dot(weights, scaler.mean_))
    return {"intercept": intercept, "weights": {feature.name: float(weight)
                                                for feature, weight in zip(scoring.FEATURES, weights, strict=True)},
            "auc": auc, "won": int(y.sum()), "lost": int(len(y) - y.sum())}


async def fit_company(db, company_id: int, min_outcomes: int) -> dict:
    """Fit (or go back to the defaults), store the weights on the company, rescore its relations."""
    rows = await db.belongers.find({"company_id": company_id, "outcome": {"$in": ["won", "lost"]}},
                                   {"outcome": 1, "outcome_behaviour": 1}).to_list()
    won = [row["outcome"] == "won" for row in rows]
    summary = {"company_id": company_id, "won": sum(won), "lost": len(won) - sum(won), "fitted": False}
    if min(summary["won"], summary["lost"]) < scoring.outcomes_needed(min_outcomes):
        model = scoring.DEFAULT_MODEL
        await db.companies.update_one({"_id": company_id}, {"$unset": {"ai_pr_model": ""}})
    else:
        behaviours = [row.get("outcome_behaviour") or {} for row in rows]
        model = await asyncio.get_running_loop().run_in_executor(None, fit, behaviours, won)
        model["fitted_at"] = utcnow()
        await db.companies.update_one({"_id": company_id}, {"$set": {"ai_pr_model": model}})
        summary.update(fitted=True, auc=round(model["auc"], 3))
    accounts.forget(db, "company", company_id)
    summary["rescored"] = await scoring.rescore(db, company_id, model)
    return summary


async def fit_all(db, min_outcomes: int) -> list[dict]:
    """Every company, one after the other."""
    return [await fit_company(db, company["_id"], min_outcomes)
            async for company in db.companies.find({}, {"_id": 1})]


# ----- repair -----------------------------------------------------------------------------------
async def _events(db):
    """(user_id, customer_id, feature, amount, when) of everything the live writes record."""
    async for log in db.access_logs.find({}, {"user_id": 1, "customer_id": 1, "action": 1, "praise": 1,
                                              "create_date": 1}):
        feature = "praise" if "praise" in log else scoring.ACTION_FEATURES.get(log["action"])
        if feature:
            yield log["user_id"], log["customer_id"], feature, log.get("praise", 1), log["create_date"]
    previous = None
    async for chat in db.chats.find({}, {"user_id": 1, "customer_id": 1, "send_type": 1, "create_date": 1}).sort(
            [("user_id", 1), ("customer_id", 1), ("create_date", 1), ("_id", 1)]):
        pair, when = (chat["user_id"], chat["customer_id"]), chat["create_date"]
        if chat["send_type"] == 1:
            yield *pair, "messages_out", 1, when
        else:
            yield *pair, "messages_in", 1, when
            before = {"last_chat": {"send_type": previous["send_type"]}, "last_chat_date": previous["create_date"]} \
                if previous and (previous["user_id"], previous["customer_id"]) == pair else {}
            if scoring.is_quick_reply(before, when):
                yield *pair, "fast_reply", 1, when
        previous = chat
    async for note in db.follow_infos.find({}, {"user_id": 1, "customer_id": 1, "follow_info": 1, "create_date": 1}):
        if not follow.is_forecast_note(note["follow_info"]):
            yield note["user_id"], note["customer_id"], "follow_up", 1, note["create_date"]
    async for read in db.article_reads.find({"stay_time": {"$gt": 0}}, {"uid": 1, "customer_id": 1, "stay_time": 1,
                                                                          "last_access_date": 1}):
        yield read["uid"], read["customer_id"], "article_stay", read["stay_time"] / 60, read["last_access_date"]
    async for node in db.article_nodes.find({}, {"uid": 1, "path": 1, "create_date": 1}):
        for ancestor in node.get("path") or ():
            yield node["uid"], ancestor, "forward_reach", 1, node["create_date"]


def _counts(relation: dict) -> dict:
    return {name: round(mark.get("count", 0), 6) for name, mark in (relation.get("behaviour") or {}).items()
            if round(mark.get("count", 0), 6)}


async def rebuild(db) -> dict:
    """Every relation's behaviour and ai_rank recomputed from the raw collections and replaced (best
    while nothing is being recorded); {relations, different: ids whose counts had differed}.
    A stay is counted when its read was last reported, not as each part was credited."""
    relations = {(row["user_id"], row["customer_id"]): row async for row in db.belongers.find(
        {}, {"user_id": 1, "customer_id": 1, "company_id": 1, "behaviour": 1})}
    models = {company_id: await scoring.model_of(db, company_id)
              for company_id in {row["company_id"] for row in relations.values()}}
    rebuilt = {key: {} for key in relations}
    async for user_id, customer_id, feature, amount, when in _events(db):
        key = (user_id, customer_id)
        if key in relations:
            scoring.fold(rebuilt[key], scoring.recorded(models[relations[key]["company_id"]], feature, amount, when))
    writes = [UpdateOne({"_id": relations[key]["_id"]}, {"$set": {"behaviour": fresh.get("behaviour", {}),
                                                                   "ai_rank": fresh.get("ai_rank", 0.0)}})
              for key, fresh in rebuilt.items()]
    if writes:
        await db.belongers.bulk_write(writes, ordered=False)
    different = sorted(relations[key]["_id"] for key, fresh in rebuilt.items()
                       if _counts(fresh) != _counts(relations[key]))
    return {"relations": len(relations), "different": different}
