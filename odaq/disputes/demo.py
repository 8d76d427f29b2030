"""Demo disputes: a year of cases grown from demo appeals about dismissal, pay, discipline and contracts —
several stages each, outcomes, amounts awarded and recovered, reinstatements, upcoming hearings."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from odaq.appeals.models import Appeal
from odaq.orgs.models import Person

from .choices import ClaimKind, Kind, Outcome, StageKind, Status
from .models import Claim, Dispute, Hearing, LegalBasis, Stage
from .services import refresh

CLAIMS = {"dismissal": ClaimKind.REINSTATEMENT, "pay": ClaimKind.UNPAID_PAY, "discipline": ClaimKind.CANCEL_ORDER,
          "contract": ClaimKind.COMPENSATION, "leave": ClaimKind.COMPENSATION, "working_time": ClaimKind.UNPAID_PAY}
BASIS = {ClaimKind.REINSTATEMENT: ["52", "160", "161"], ClaimKind.UNPAID_PAY: ["113", "160"],
         ClaimKind.CANCEL_ORDER: ["64", "66"], ClaimKind.COMPENSATION: ["160"]}
LC = "K1500000414"
BODIES = {StageKind.CONCILIATION: "Согласительная комиссия организации",
          StageKind.FIRST_INSTANCE: "Специализированный межрайонный суд",
          StageKind.APPEAL: "Областной суд, коллегия по гражданским делам",
          StageKind.CASSATION: "Верховный Суд Республики Казахстан"}
LADDER = [StageKind.CONCILIATION, StageKind.FIRST_INSTANCE, StageKind.APPEAL, StageKind.CASSATION]


def _outcome(rng: random.Random) -> str:
    return rng.choices([Outcome.WON, Outcome.PARTLY, Outcome.LOST, Outcome.SETTLED, Outcome.WITHDRAWN],
                       [40, 20, 22, 13, 5])[0]


def build(seed: int = 1, share: float = 0.25, today: dt.date | None = None) -> dict[str, int]:
    rng = random.Random(seed)
    today = today or timezone.localdate()
    appeals = list(Appeal.objects.filter(topic__code__in=list(CLAIMS)).select_related("topic", "organisation",
                                                                                       "region", "assignee")
                   .order_by("pk"))
    counts = {"disputes": 0, "stages": 0, "hearings": 0}
    # the demo member (see demo_logins) follows at least one dispute in her cabinet
    demo_member = set(Person.objects.filter(user__email="member@demo.odaq.kz").values_list("pk", flat=True))
    with transaction.atomic():
        for appeal in appeals:
            chosen = appeal.person_id in demo_member
            if chosen:
                demo_member.discard(appeal.person_id)
            if rng.random() > share and not chosen:
                continue
            opened = timezone.localtime(appeal.created_at) + dt.timedelta(days=rng.randint(3, 20))
            if opened.date() >= today:
                continue
            claim_kind = CLAIMS[appeal.topic.code]
            dispute = Dispute.objects.create(
                number=f"demo-{appeal.pk}", appeal=appeal, kind=Kind.COLLECTIVE if rng.random() < 0.05
                else Kind.INDIVIDUAL, person_id=appeal.person_id, organisation_id=appeal.organisation_id,
                region_id=appeal.region_id, topic_id=appeal.topic_id, subject=appeal.subject, employer=appeal.employer,
                employer_bin=appeal.organisation.employer_bin or "", confidential=appeal.confidential,
                lawyer_id=appeal.assignee_id, created_by_id=appeal.assignee_id, created_at=opened,
                dismissal_served_on=(opened.date() - dt.timedelta(days=rng.randint(5, 20))
                                     if claim_kind == ClaimKind.REINSTATEMENT else None),
                violation_known_on=opened.date() - dt.timedelta(days=rng.randint(10, 90)))
            dispute.number = f"{appeal.region.code or '00'}-TD-{opened.year}-{dispute.pk:05d}"
            dispute.save(update_fields=["number"])
            amount = None if claim_kind == ClaimKind.CANCEL_ORDER else rng.randrange(50_000, 2_500_000, 1000)
            Claim.objects.create(dispute=dispute, kind=claim_kind, amount=amount)
            LegalBasis.objects.bulk_create([LegalBasis(dispute=dispute, act=LC, article=a)
                                            for a in BASIS[claim_kind]])
            day = opened.date()
            seq = 0
            skip_commission = rng.random() < 0.15
            for kind in LADDER:
                seq += 1
                if kind == StageKind.CONCILIATION and skip_commission:
                    Stage.objects.create(dispute=dispute, kind=kind, sequence=seq, skipped=True)
                    dispute.no_commission = True
                    dispute.save(update_fields=["no_commission"])
                    continue
                filed = day + dt.timedelta(days=rng.randint(2, 15))
                if filed >= today:
                    break
                stage = Stage.objects.create(dispute=dispute, kind=kind, sequence=seq, body=BODIES[kind],
                                             filed_on=filed, case_number="" if kind == StageKind.CONCILIATION
                                             else f"{rng.randint(1000, 9999)}-{filed:%y}-00-2/{rng.randint(1, 999)}")
                counts["stages"] += 1
                hearing_at = filed + dt.timedelta(days=rng.randint(10, 40) if kind != StageKind.CONCILIATION
                                                  else rng.randint(3, 14))
                starts = timezone.make_aware(dt.datetime.combine(hearing_at, dt.time(rng.choice([10, 11, 15]))))
                Hearing.objects.create(stage=stage, starts_at=starts, place=BODIES[kind],
                                       reminded_at=starts if hearing_at < today else None)
                counts["hearings"] += 1
                if hearing_at >= today:
                    break  # the case is waiting for this hearing
                outcome = _outcome(rng)
                stage.outcome, stage.decided_on = outcome, hearing_at
                stage.decision_received_on = hearing_at + dt.timedelta(days=rng.randint(1, 5))
                if outcome in (Outcome.WON, Outcome.PARTLY, Outcome.SETTLED) and amount:
                    stage.awarded = amount if outcome == Outcome.WON else amount * rng.randint(3, 8) // 10
                    stage.recovered = stage.awarded if rng.random() < 0.7 else stage.awarded // 2
                stage.reinstated = claim_kind == ClaimKind.REINSTATEMENT and outcome in (Outcome.WON, Outcome.SETTLED)
                stage.save()
                day = stage.decision_received_on
                if outcome != Outcome.LOST or rng.random() < 0.4 or kind == StageKind.CASSATION:
                    if day < today - dt.timedelta(days=30):
                        dispute.status, dispute.closed_at = Status.CLOSED, timezone.make_aware(
                            dt.datetime.combine(day + dt.timedelta(days=30), dt.time(12)))
                        dispute.save(update_fields=["status", "closed_at"])
                    break
            refresh(dispute)
            counts["disputes"] += 1
    return counts
