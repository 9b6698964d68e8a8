"""Times scikit-learn fits of pitwall's tree variants on an exported feature CSV (bench/experiment.sh runs it).

    /usr/bin/python3 bench/sklearn_fit.py FEATURES.csv [REPEATS] [SEED]

Prints one line per kind, "kind seconds": the best of REPEATS timed fits after one warm-up fit, like
bench/FitTimes.java. Only numpy and Debian's python3-sklearn (1.2.x); single-threaded (n_jobs=1).

Hyperparameters follow pitwall's Smile defaults (ForestOptions, BoostOptions, AdaBoostOptions). Differences:
- depth: Smile counts the root as depth 1 (maxDepth 3 = at most 4 leaves), scikit-learn as 0, so max_depth is
  Smile's maxDepth - 1. With that, GBT/AdaBoost's maxNodes 8 never binds in either library.
- Smile grows a tree best-first when maxNodes limits it; scikit-learn does the same when max_leaf_nodes is set.
- AdaBoost: Smile fits each tree on a weighted resample of the rows; scikit-learn passes the weights to the tree.
- missing values become -1e9 as in pitwall's FeatureFrame (scikit-learn 1.2 trees reject NaN anyway).
- random streams differ, so fitted trees differ; only the work per fit is comparable.
"""
import sys
import time

import numpy as np
from sklearn.ensemble import (AdaBoostClassifier, GradientBoostingClassifier, GradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.tree import DecisionTreeClassifier

KEYS, LABELS = 5, 2  # raceId, year, round, driverId, constructorId | positionOrder, classified


def load(path):
    header = open(path).readline().strip().split(",")
    cells = np.genfromtxt(path, delimiter=",", skip_header=1, dtype=str)
    cells = cells[cells[:, len(header) - 2] != ""]  # upcoming races have no outcome
    x = np.array([[float(v) if v else np.nan for v in row] for row in cells[:, KEYS:len(header) - LABELS]])
    x[~np.isfinite(x)] = -1.0e9
    race = cells[:, 0].astype(int)
    pos = cells[:, len(header) - 2].astype(int)
    # Target.normalisedPositions: (positionOrder - 1) / (n - 1), n = rows of that race, capped at 1
    _, inverse, counts = np.unique(race, return_inverse=True, return_counts=True)
    n = counts[inverse]
    y_pos = np.where(n == 1, 0.0, np.minimum(1.0, (pos - 1) / np.maximum(n - 1, 1)))
    return x, y_pos, pos


def models(p, seed):
    forest = dict(n_estimators=60, max_depth=10 - 1, max_leaf_nodes=32, min_samples_leaf=20, bootstrap=True,
                  n_jobs=1, random_state=seed)
    boost = dict(n_estimators=80, max_depth=3 - 1, max_leaf_nodes=8, min_samples_leaf=20, learning_rate=0.1,
                 subsample=0.7, random_state=seed)
    ada_tree = DecisionTreeClassifier(max_depth=3 - 1, max_leaf_nodes=8, min_samples_leaf=20, random_state=seed)
    return {  # Smile's mtry defaults: p/3 for regression, floor(sqrt(p)) for classification
        "rf-position": ("position", RandomForestRegressor(max_features=max(1, p // 3), **forest)),
        "gbt-position": ("position", GradientBoostingRegressor(loss="squared_error", **boost)),
        "rf-win": ("win", RandomForestClassifier(criterion="gini", max_features=int(np.sqrt(p)), **forest)),
        "gbt-podium": ("podium", GradientBoostingClassifier(loss="log_loss", **boost)),
        "adaboost-podium": ("podium", AdaBoostClassifier(ada_tree, n_estimators=50, learning_rate=1.0,
                                                         algorithm="SAMME", random_state=seed)),
    }


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42
    x, y_pos, pos = load(path)
    targets = {"position": y_pos, "win": (pos == 1).astype(int), "podium": (pos <= 3).astype(int)}
    print(f"sklearn_fit: {x.shape[0]} training rows x {x.shape[1]} features, seed {seed}, best of {repeats}",
          file=sys.stderr)
    for kind, (target, model) in models(x.shape[1], seed).items():
        y = targets[target]
        model.fit(x, y)  # warm-up, as in FitTimes.java
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            model.fit(x, y)
            best = min(best, time.perf_counter() - t0)
        print(f"{kind} {best:.3f}")


if __name__ == "__main__":
    main()
