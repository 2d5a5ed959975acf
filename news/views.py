from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from news import services
from news.forms import DigestForm
from news.models import News

PAGE_SIZE = 20


def news_list(request):
    news = News.objects.visible_to(request.user).current()
    page = Paginator(news, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "news/news_list.html", {"page": page})


def news_detail(request, pk):
    news = get_object_or_404(News.objects.visible_to(request.user).current(), pk=pk)
    return render(request, "news/news_detail.html", {"news": news})


@login_required
def digest_settings(request):
    subscription = services.subscription_of(request.user)
    if request.method == "POST":
        form = DigestForm(request.POST)
        if form.is_valid():
            services.set_subscription(request.user, form.cleaned_data["active"])
            if form.cleaned_data["active"]:
                messages.success(request, _("You will receive the weekly digest."))
            else:
                messages.success(request, _("You will no longer receive the weekly digest."))
            return redirect("news:digest")
    else:
        form = DigestForm(initial={"active": subscription.active})
    return render(request, "news/digest_settings.html", {"form": form})


@csrf_exempt  # the signed token authorises; mail programs post here (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks to confirm (link scanners must not unsubscribe anyone), POST ends the digest."""
    if request.method == "POST":
        if not services.unsubscribe_by_token(token):
            return render(request, "news/unsubscribe.html", {"invalid": True}, status=400)
        return render(request, "news/unsubscribe.html", {"done": True})
    return render(request, "news/unsubscribe.html", {})
