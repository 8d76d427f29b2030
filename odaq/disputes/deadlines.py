"""Time limits of a dispute, as the Labour Code sets them (and, for appeals to higher courts, the Civil
Procedure Code, which is not in the knowledge base):

* art. 160 subp. 1: reinstatement — one month from the day the dismissal order was served to apply to the
  conciliation commission; two months from the day the commission's decision was served to go to court;
  three months from the day the order was served for those who may go to court without the commission;
* art. 160 subp. 2: other disputes — one year from the day the worker knew or should have known of the breach
  (the same for the commission and for the court);
* art. 159 p. 5: the commission must decide within fifteen working days of registering the application;
* Civil Procedure Code art. 403: an appeal within one month of the decision; art. 436: cassation within six
  months of the appeal decision.
"""

import calendar as _cal
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from odaq.appeals.calendar import add_working_days

from .choices import ClaimKind, Outcome, StageKind

LABELS = {
    "commission_reinstatement": _("Apply to the conciliation commission (reinstatement)"),
    "commission_other": _("Apply to the conciliation commission"),
    "court_reinstatement": _("Go to court after the commission (reinstatement)"),
    "court_direct_reinstatement": _("Go to court (reinstatement, no commission)"),
    "court_other": _("Go to court"),
    "commission_decides": _("The commission must decide"),
    "appeal": _("File an appeal"),
    "cassation": _("File a cassation appeal"),
}
BASIS = {
    "commission_reinstatement": ("K1500000414", "160"),
    "commission_other": ("K1500000414", "160"),
    "court_reinstatement": ("K1500000414", "160"),
    "court_direct_reinstatement": ("K1500000414", "160"),
    "court_other": ("K1500000414", "160"),
    "commission_decides": ("K1500000414", "159"),
    "appeal": ("", ""),
    "cassation": ("", ""),
}
UNSETTLED = (Outcome.LOST, Outcome.PARTLY)  # an outcome the member may take further


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the last day of the month when that month is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Limit:
    code: str
    date: dt.date

    @property
    def label(self):
        return LABELS[self.code]

    @property
    def basis(self) -> tuple[str, str]:
        return BASIS[self.code]


def limits(dispute, stages=None, claims=None) -> list[Limit]:
    """The time limits that still matter for the dispute's next step, earliest first."""
    stages = [s for s in (stages if stages is not None else dispute.stages.all()) if not s.skipped]
    claims = claims if claims is not None else list(dispute.claims.all())
    reinstatement = any(c.kind == ClaimKind.REINSTATEMENT for c in claims)
    out: list[Limit] = []
    last = stages[-1] if stages else None
    if last is None:
        if reinstatement and dispute.dismissal_served_on:
            if dispute.no_commission:
                out.append(Limit("court_direct_reinstatement", add_months(dispute.dismissal_served_on, 3)))
            else:
                out.append(Limit("commission_reinstatement", add_months(dispute.dismissal_served_on, 1)))
        elif not reinstatement and dispute.violation_known_on:
            code = "court_other" if dispute.no_commission else "commission_other"
            out.append(Limit(code, add_months(dispute.violation_known_on, 12)))
    elif last.kind == StageKind.CONCILIATION:
        if not last.outcome and last.filed_on:
            out.append(Limit("commission_decides", add_working_days(last.filed_on, 15)))
        elif last.outcome in UNSETTLED:
            if reinstatement:
                start = last.decision_received_on or last.decided_on
                if start:
                    out.append(Limit("court_reinstatement", add_months(start, 2)))
            elif dispute.violation_known_on:
                out.append(Limit("court_other", add_months(dispute.violation_known_on, 12)))
    elif last.outcome in (*UNSETTLED, Outcome.WON) and last.decided_on:
        # the member may appeal a loss; a win may be appealed by the employer, so the lawyer watches it too
        if last.kind == StageKind.FIRST_INSTANCE:
            out.append(Limit("appeal", add_months(last.decided_on, 1)))
        elif last.kind == StageKind.APPEAL:
            out.append(Limit("cassation", add_months(last.decided_on, 6)))
    return sorted(out, key=lambda limit: limit.date)


def next_limit(dispute, stages=None, claims=None) -> Limit | None:
    found = limits(dispute, stages, claims)
    return found[0] if found else None
