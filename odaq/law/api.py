"""Public, read-only API of the knowledge base. Imports are done by operators, never through the API."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from . import selectors


class ArticleSerializer(serializers.Serializer):
    act = serializers.CharField(source="act.adilet_id")
    number = serializers.CharField()
    lang = serializers.CharField()
    title = serializers.CharField()
    body = serializers.CharField()
    points = serializers.JSONField()
    notes = serializers.JSONField()
    repealed = serializers.BooleanField()
    as_of = serializers.DateField(source="edition.as_of")
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return f"/law/{obj.act.adilet_id}/{obj.number}/?lang={obj.lang}"


class HitSerializer(serializers.Serializer):
    act = serializers.CharField()
    number = serializers.CharField()
    lang = serializers.CharField()
    title = serializers.CharField()
    snippet = serializers.CharField()
    score = serializers.FloatField()
    url = serializers.CharField()


class PublicReadOnly(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]
    http_method_names = ["get", "head", "options"]


class LawSearchView(PublicReadOnly):
    @extend_schema(parameters=[OpenApiParameter("q", str, required=True), OpenApiParameter("lang", str),
                               OpenApiParameter("act", str), OpenApiParameter("k", int)],
                   responses=HitSerializer(many=True))
    def get(self, request):
        q = (request.query_params.get("q") or "").strip()
        lang = request.query_params.get("lang") or "kk"
        if not q or len(q) > 500:
            raise ValidationError({"q": _("Give a question of 1 to 500 characters.")})
        if lang not in ("kk", "ru"):
            raise ValidationError({"lang": _("Use kk or ru.")})
        try:
            k = min(max(int(request.query_params.get("k", 10)), 1), 50)
        except ValueError as exc:
            raise ValidationError({"k": _("A whole number from 1 to 50.")}) from exc
        from .search import search_articles

        hits = search_articles(q, lang=lang, act=request.query_params.get("act") or None, k=k)
        return Response(HitSerializer(hits, many=True).data)


class ArticleView(PublicReadOnly):
    @extend_schema(parameters=[OpenApiParameter("lang", str)], responses=ArticleSerializer)
    def get(self, request, act: str, number: str):
        lang = request.query_params.get("lang") or "kk"
        return Response(ArticleSerializer(selectors.article(act, number, lang)).data)
