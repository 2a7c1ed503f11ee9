"""The effect status of documents (hiệu lực): which are no longer in force on a date, and since when.

Today this reads the repeal records of ``rasoat/data/effect_rules.json`` (``facts.load``) keyed by
``rasoat.numbers.number_key``; it sits above both so that neither imports the other.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from rasoat.facts import DateLike, as_date, load
from rasoat.numbers import number_key


@cache
def _repealed_index() -> dict[str, dict[str, Any]]:
    return {number_key(r["number"]): r for r in load("effect_rules")["repealed"]}


def repealed_on(number: str, d: DateLike) -> dict[str, Any] | None:
    """The repeal record if the document ``number`` ("Luật 80/2015/QH13", "34/2016/NĐ-CP") is no longer in
    force on ``d`` (so citing it as căn cứ on that date is an error); else None."""
    key = number_key(number or "")
    r = _repealed_index().get(key) if key else None
    if r and as_date(d) >= date.fromisoformat(r["not_in_force_from"]):
        return r
    return None
