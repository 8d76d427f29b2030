from .cabinet import cabinet, cabinet_profile, consent_give, consent_withdraw
from .news import news_create, news_detail, news_edit, news_list, news_manage
from .public import about, home
from .register import register

__all__ = [
    "about", "cabinet", "cabinet_profile", "consent_give", "consent_withdraw", "home", "news_create",
    "news_detail", "news_edit", "news_list", "news_manage", "register",
]
