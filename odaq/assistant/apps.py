from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "odaq.assistant"
    label = "assistant"
    verbose_name = _("Legal assistant")

    def ready(self):
        from odaq.aigov.signals import card_changed

        from .pipeline.cards import forget_on_change

        card_changed.connect(forget_on_change, dispatch_uid="assistant.forget_card_vectors")
