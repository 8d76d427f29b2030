from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .extract import text_of
from .forms import ReviewForm, SearchForm, UploadForm


@login_required
def decision_list(request):
    form = SearchForm(request.GET or None)
    qs = selectors.visible_decisions(request.user)
    criteria = {}
    if form.is_valid():
        criteria = {k: v for k, v in form.cleaned_data.items() if v not in ("", None)}
        qs = selectors.search(qs, **criteria)
    lawyer = selectors.is_lawyer(request.user)
    return render(request, "practice/list.html", {
        "form": form, "decisions": qs[:100], "lawyer": lawyer, "criteria": criteria,
        "drafts": selectors.reviewable_decisions(request.user).count() if lawyer else 0,
        "saved": selectors.saved_searches(request.user) if lawyer else [],
    })


@login_required
def decision_detail(request, pk: int):
    decision = get_object_or_404(selectors.visible_decisions(request.user), pk=pk)
    reviewable = selectors.reviewable_decisions(request.user).filter(pk=pk).exists()
    form = ReviewForm(initial={"text": decision.text, "audience": decision.audience, "outcome": decision.outcome})
    return render(request, "practice/detail.html", {"decision": decision, "cited": decision.cited.all(),
                                                    "reviewable": reviewable, "form": form})


@login_required
@require_POST
def decision_review(request, pk: int):
    decision = get_object_or_404(selectors.reviewable_decisions(request.user), pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return render(request, "practice/detail.html", {"decision": decision, "cited": decision.cited.all(),
                                                        "reviewable": True, "form": form}, status=400)
    services.publish(decision, request.user, **form.cleaned_data)
    messages.success(request, _("The decision is published."))
    return redirect("practice:detail", pk=pk)


@login_required
def upload(request):
    if not selectors.is_lawyer(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            text = text_of(data["file"].name, data["file"].read(10 * 1024 * 1024 + 1))
            decision = services.import_decision(
                text=text, court=data["court"], decided_on=data["decided_on"], case_number=data["case_number"],
                outcome=data["outcome"], source_name=data["file"].name, user=request.user)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("The decision was de-identified. Read it before you publish it."))
            return redirect("practice:detail", pk=decision.pk)
    return render(request, "practice/upload.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def save_search(request):
    form = SearchForm(request.POST)
    if not form.is_valid():
        return redirect("practice:list")
    criteria = {k: v for k, v in form.cleaned_data.items() if v not in ("", None)}
    services.save_search(request.user, **criteria)
    messages.success(request, _("You will be told when a new decision matches this search."))
    return redirect("practice:list")


@login_required
@require_POST
def delete_search(request, pk: int):
    services.delete_search(request.user, pk)
    return redirect("practice:list")


@login_required
def article_decisions(request, act: str, number: str):
    qs = selectors.search(selectors.visible_decisions(request.user), act=act, article=number)
    return render(request, "practice/list.html", {
        "form": SearchForm(initial={"act": act, "article": number}), "decisions": qs[:100],
        "article": (act, number), "lawyer": selectors.is_lawyer(request.user), "saved": [], "criteria": {},
    })
