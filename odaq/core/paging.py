from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    """Counts at most ``cap`` + 1 rows: exact counts of tens of thousands of rows cost more than
    the page itself, and nobody pages past the first few thousand; they narrow the search."""

    cap = 2000

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap
