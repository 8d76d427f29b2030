"""POST /api/v1/assistant/ask — the assistant for other clients. Every answer carries its AI marker."""

from django.conf import settings
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from odaq.aigov.choices import Channel

from . import services
from .pipeline import citations


class AssistantThrottle(SimpleRateThrottle):
    """Per user when logged in, else per address; the rate follows the public page's setting."""

    scope = "assistant"

    def get_rate(self):
        return f"{settings.ODAQ_ASSISTANT_PUBLIC_PER_MINUTE * 2}/min"

    def get_cache_key(self, request, view):
        ident = request.user.pk if request.user and request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AskSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=services.QUESTION_MAX, min_length=services.QUESTION_MIN,
                                     trim_whitespace=True)
    lang = serializers.ChoiceField(choices=["kk", "ru", "en"], required=False,
                                   help_text="Interface language: used only when the question's language is unclear")


class CitationSerializer(serializers.Serializer):
    act = serializers.CharField()
    number = serializers.CharField()
    url = serializers.CharField()


class AIMarkerSerializer(serializers.Serializer):
    generated = serializers.BooleanField()
    model = serializers.CharField()
    composer = serializers.CharField()
    prompt_version = serializers.CharField()
    reviewed = serializers.BooleanField()
    reviewed_at = serializers.DateTimeField(allow_null=True)


class AnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    language = serializers.CharField()
    answer = serializers.CharField()
    citations = CitationSerializer(many=True)
    label = serializers.CharField()
    ai = AIMarkerSerializer()


def answer_payload(record) -> dict:
    from django.utils.translation import gettext

    checked = record.checked_on
    label = (gettext("Prepared by AI, checked by a lawyer") if checked
             else gettext("Prepared by AI, not yet checked by a lawyer"))
    return {
        "id": record.pk, "language": record.language, "answer": record.shown_answer,
        "citations": [{"act": c["act"], "number": c["number"],
                       "url": citations.article_url(c["act"], c["number"], record.language)}
                      for c in record.shown_citations],
        "label": label,
        "ai": {"generated": True, "model": record.model_id or record.composer, "composer": record.composer,
               "prompt_version": record.prompt_version, "reviewed": bool(checked), "reviewed_at": checked},
    }


class AskView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [AssistantThrottle]

    @extend_schema(request=AskSerializer, responses={200: AnswerSerializer})
    def post(self, request):
        data = AskSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.ask(data.validated_data["question"], channel=Channel.API, user=request.user,
                              ui_language=data.validated_data.get("lang") or get_language(), request=request)
        return Response(AnswerSerializer(answer_payload(record)).data)
