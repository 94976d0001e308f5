"""What every benchmark ends with: each result against its budget, one line each; 1 if any is over."""

from __future__ import annotations


def report(results: dict[str, float], budgets: dict[str, float]) -> int:
    over = False
    for name, value in results.items():
        budget = budgets[name]
        over |= value > budget
        print(f"{name:<42} median {value:5.2f}  budget {budget:5.2f}  {'OVER BUDGET' if value > budget else 'ok'}")
    return 1 if over else 0
