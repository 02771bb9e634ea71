"""Fitting each company's AI 成交率 weights to its own outcomes (scikit-learn's logistic regression).

A company that has marked at least AI_PR_MIN_OUTCOMES customers won and as many lost gets weights
fitted on them: the features are the behaviour's decayed values at the moment each outcome was
marked (`outcome_behaviour`), standardized, and an L2-regularized logistic regression (C=1) is
fitted; its coefficients are folded back to weights per unit of decayed value, so reading a score
needs only the weights. Their 5-fold cross-validated AUC is kept beside them. A company with fewer
outcomes uses the default weights (models/scoring.py). Either way the company's ai_rank is
recomputed. Runs on a schedule started by the server (AI_PR_FIT_EVERY_S) and as
`python server.py fit-scores`; the fitting itself runs in a worker thread, off the IOLoop.
"""

import asyncio

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from common.times import utcnow
from models import accounts, scoring


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
