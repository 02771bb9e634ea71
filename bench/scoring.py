"""AI 成交率 against outcomes: a synthetic company with a planted relation between behaviour and
outcome, fitted as the server fits a company, measured on held-out customers.

    .venv/bin/python bench/scoring.py [--customers N] [--seed S] [--smoke]

Each customer has an engagement level; over the 60 days before their outcome they view the card
and products, save the phone, read and forward articles, chat (answering quickly or not), and their
salesperson writes and follows up as much as the salesperson does, whatever the customer does.
Every event is recorded with the update the server sends (scoring.recorded); the behaviour's values
when the outcome is marked are what customer/update_outcome keeps. The outcome is drawn from a
logistic model of those values with PLANTED weights (the salesperson's own messages and follow-ups
weigh nothing). 70% of customers are fitted with scoring_jobs.fit (the server's fit); the other 30%
are scored with the fitted weights and with the default ones. Prints the held-out AUC and the
calibration per decile (predicted vs observed win rate) of both, and the planted vs fitted
weights. Exits 1 when the held-out AUC of the fitted weights is below 0.8.
--smoke: 800 customers, a few seconds.
"""

import argparse
import random
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.metrics import roc_auc_score  # noqa: E402

from common.times import utcnow  # noqa: E402
from models import scoring, scoring_jobs  # noqa: E402

HISTORY_DAYS = 60
REQUIRED_AUC = 0.8
# Events per day for an engagement of 1 (feature -> rate); stay is minutes per article read.
RATES = {"card_view": 0.25, "product_view": 0.08, "website_view": 0.05, "contact": 0.015, "card_forward": 0.01,
         "product_consult": 0.02, "article_read": 0.06, "article_forward": 0.015, "messages_in": 0.06}
PLANTED_INTERCEPT = -3.2
PLANTED = {"card_view": 0.15, "product_view": 0.3, "website_view": 0.1, "contact": 1.2, "card_forward": 0.3,
           "product_consult": 0.8, "praise": 0.5, "article_read": 0.15, "article_stay": 0.05, "article_forward": 0.5,
           "forward_reach": 0.1, "messages_in": 0.4, "fast_reply": 0.7, "messages_out": 0.0, "follow_up": 0.0}


def customer(rng: random.Random, outcome_at) -> dict:
    """A relation with 60 days of behaviour up to outcome_at."""
    engagement = rng.lognormvariate(0, 0.7)
    effort = rng.lognormvariate(0, 0.8)  # how much the salesperson writes and follows up, whoever it is
    relation: dict = {}
    model = scoring.DEFAULT_MODEL

    def record(feature: str, amount: float = 1) -> None:
        when = outcome_at - timedelta(days=rng.uniform(0, HISTORY_DAYS))
        scoring.fold(relation, scoring.recorded(model, feature, amount, when))

    for feature, rate in RATES.items():
        for _ in range(poisson(rng, rate * engagement * HISTORY_DAYS)):
            record(feature)
            if feature == "article_read":
                record("article_stay", rng.expovariate(1 / (1.5 * engagement)))
            if feature == "article_forward":
                for _reader in range(poisson(rng, 2 * engagement)):
                    record("forward_reach")
            if feature == "messages_in" and rng.random() < engagement / (1 + engagement):
                record("fast_reply")
    if rng.random() < 0.1 * engagement:
        record("praise")
    for _ in range(poisson(rng, 8 * effort)):
        record("messages_out")
    for _ in range(poisson(rng, 3 * effort)):
        record("follow_up")
    return relation


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method (the means here are small)."""
    limit, count, product = 2.718281828459045 ** -mean, 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def company(size: int, seed: int) -> list[tuple[dict, bool]]:
    """(the behaviour's values when the outcome was marked, won) per customer."""
    rng = random.Random(seed)
    now = utcnow()
    planted = {"intercept": PLANTED_INTERCEPT, "weights": PLANTED}
    rows = []
    for _ in range(size):
        outcome_at = now - timedelta(days=rng.uniform(0, 180))
        values = scoring.values(customer(rng, outcome_at), outcome_at)
        rows.append((values, rng.random() < scoring.probability(scoring.logit(planted, values))))
    return rows


def calibration(predicted: list[float], won: list[bool], bins: int = 10) -> list[tuple[float, float, int]]:
    """(mean predicted, observed win rate, customers) per decile of the prediction."""
    ranked = sorted(zip(predicted, won, strict=True))
    table = []
    for index in range(bins):
        part = ranked[index * len(ranked) // bins:(index + 1) * len(ranked) // bins]
        table.append((sum(p for p, _ in part) / len(part), sum(w for _, w in part) / len(part), len(part)))
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--smoke", action="store_true", help="800 customers: a quick check that it all works")
    args = parser.parse_args()
    size = 800 if args.smoke else args.customers
    rows = company(size, args.seed)
    cut = int(len(rows) * 0.7)
    train, test = rows[:cut], rows[cut:]
    fitted = scoring_jobs.fit([values for values, _ in train], [won for _, won in train])
    won = [outcome for _, outcome in test]

    def predictions(model: dict) -> list[float]:
        return [scoring.probability(scoring.logit(model, values)) for values, _ in test]

    predicted, by_default = predictions(fitted), predictions(scoring.DEFAULT_MODEL)
    auc = roc_auc_score(won, predicted)
    print(f"customers {size} (fitted on {len(train)}: {fitted['won']} won, {fitted['lost']} lost; "
          f"held out {len(test)}: {sum(won)} won)")
    print(f"{'held out':<28}{'AUC':>6}  calibration error (mean |predicted - observed| per decile)")
    for name, scores in (("fitted weights", predicted), ("default weights", by_default)):
        error = sum(abs(mean - rate) for mean, rate, _n in calibration(scores, won)) / 10
        print(f"{name:<28}{roc_auc_score(won, scores):>6.3f}  {error:.3f}")
    print(f"{'cross-validated (stored)':<28}{fitted['auc']:>6.3f}")
    print("\ncalibration on held-out customers, by decile of the fitted prediction")
    print(f"{'decile':>6}  {'predicted':>9}  {'observed':>8}  {'customers':>9}")
    for index, (mean, rate, n) in enumerate(calibration(predicted, won), 1):
        print(f"{index:>6}  {mean:>9.3f}  {rate:>8.3f}  {n:>9}")
    print(f"\n{'feature':<16}{'planted':>9}{'fitted':>9}{'default':>9}")
    print(f"{'(intercept)':<16}{PLANTED_INTERCEPT:>9.2f}{fitted['intercept']:>9.2f}{scoring.DEFAULT_INTERCEPT:>9.2f}")
    for feature in scoring.FEATURES:
        print(f"{feature.name:<16}{PLANTED[feature.name]:>9.2f}{fitted['weights'][feature.name]:>9.2f}"
              f"{feature.weight:>9.2f}")
    if auc < REQUIRED_AUC:
        print(f"held-out AUC {auc:.3f} is below {REQUIRED_AUC}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
