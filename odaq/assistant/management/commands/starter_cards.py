"""Load the starter answers as drafts into the expert-review queue (idempotent); ``--approve-demo`` approves
them as the demo union's central lawyer through the ordinary review service (demo mode only)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from odaq.aigov import services as ai_services
from odaq.aigov.models import AnswerCard
from odaq.assistant import starter_cards
from odaq.law.models import Act

DEMO_LAWYER = "legal.central@demo.odaq.kz"
REFUSED_SHOWN = 3


class Command(BaseCommand):
    help = "Load the starter answer cards as drafts waiting for a lawyer's approval."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(starter_cards.DATA_FILE), help="the cards' data file")
        parser.add_argument("--approve-demo", action="store_true",
                            help="demo only: approve the drafts as the demo central lawyer")

    def handle(self, *args, file, approve_demo, **opts):
        try:
            cards = starter_cards.read(file)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Starter answers: cannot read {file}: {exc}") from exc
        if not Act.objects.exists():
            self.stdout.write("Starter answers: no law texts imported yet; nothing loaded (run law_demo_import).")
            return
        new = kept = 0
        refused = []
        for c in cards:
            try:
                _card, created = ai_services.draft_starter_card(
                    key=c.key, topic=c.topic, questions_kk=c.questions_kk, questions_ru=c.questions_ru,
                    answer_kk=c.answer_kk, answer_ru=c.answer_ru, articles=list(c.articles))
            except ValidationError as exc:
                reasons = "; ".join(str(m) for ms in exc.message_dict.values() for m in ms)
                refused.append(f"{c.key} ({reasons})")
                continue
            new, kept = new + created, kept + (not created)
        line = f"Starter answers: {new} loaded as drafts for a lawyer's review, {kept} already loaded"
        if refused:
            shown = "; ".join(refused[:REFUSED_SHOWN]) + ("; …" if len(refused) > REFUSED_SHOWN else "")
            line += f", {len(refused)} refused (an article not in the knowledge base): {shown}"
        if approve_demo:
            line += "; " + self._approve_demo()
        self.stdout.write(line + ".")

    def _approve_demo(self) -> str:
        if settings.PRODUCTION:
            raise CommandError("Starter answers are approved by the union's lawyers, not by a command, in production.")
        lawyer = get_user_model().objects.filter(email=DEMO_LAWYER).first()
        if lawyer is None:
            return f"no demo lawyer {DEMO_LAWYER}, so the drafts wait in the review queue"
        drafts = AnswerCard.objects.exclude(starter_key="").filter(approved_at__isnull=True, active=True)
        done = 0
        for card in drafts:
            ai_services.approve_card(card, lawyer)
            done += 1
        return (f"{done} approved as the demo lawyer {DEMO_LAWYER} through the review service "
                "(demo only: a union's lawyers approve them in the review queue)")
