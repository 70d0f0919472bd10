"""Overlap queries over an article's spans in logarithmic time.

Stages ask "which mentions lie inside this phrase?" once per argument, speaker or entity;
a linear scan per question made a long report (thousands of mentions) quadratic. An
``Intervals`` index answers in O(log n + k) and returns items in their original order,
so callers get exactly what the scan gave.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """Items with character ranges, indexed for overlap, containment and cover queries.

    Args:
        items: the items, in any order.
        bounds: (start, end) of an item; by default its ``start`` and ``end`` attributes.
    """

    def __init__(self, items: Sequence[T],
                 bounds: Callable[[T], tuple[int, int]] = lambda x: (x.start, x.end)) -> None:
        rows = sorted((*bounds(item), pos) for pos, item in enumerate(items))
        self._items = list(items)
        self._starts = [r[0] for r in rows]
        self._ends = [r[1] for r in rows]
        self._pos = [r[2] for r in rows]
        # The largest end among the first i items by start: a backward scan stops once
        # no earlier item can reach the query.
        self._reach = list(accumulate(self._ends, max))

    def __len__(self) -> int:
        return len(self._items)

    def _hits(self, start: int, end: int, keep) -> list[T]:
        i = bisect_left(self._starts, end) - 1
        found = []
        while i >= 0 and self._reach[i] > start:
            if keep(self._starts[i], self._ends[i]):
                found.append(self._pos[i])
            i -= 1
        return [self._items[p] for p in sorted(found)]

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items sharing at least one character with [start, end)."""
        return self._hits(start, end, lambda s, e: e > start)

    def within(self, start: int, end: int) -> list[T]:
        """Items lying inside [start, end)."""
        return self._hits(start, end, lambda s, e: s >= start and e <= end)

    def covering(self, start: int, end: int) -> list[T]:
        """Items containing the whole of [start, end)."""
        return self._hits(start, end, lambda s, e: s <= start and end <= e)
