"""Whole pages, served from the cache.

The pages anybody may see without logging in (home, events, news, library,
the working group's composition, the public feeds …) are the same for every
anonymous visitor who speaks the same language. ``public_page`` keeps such a
page in the cache alias ``pages`` and answers the next anonymous visitor
from there without running the view:

- only GET/HEAD requests are answered from the cache, and only their
  responses are stored;
- the key is the scheme, host, path, query string and language (the only
  thing besides the login that the pages vary on: ``LanguageMiddleware``);
- a response is stored only when it is a plain 200 that sets no cookie,
  shows no message, used no CSRF token, changed no session and wrote
  nothing to the database; a request with a message waiting for it is not
  answered from the cache;
- query strings only with the parameters the view names (its filters and
  ``page``), so that random query strings cannot fill the cache;
- a page for a free text (a search's words, ``free_text``) is kept apart,
  in the cache each worker process holds for itself and bounded in its
  entries (alias ``free_text_pages``): anybody can send endless new
  words, and they must push out only other searches – never the shared
  pages or the login limits that may share the shared cache's memory.
  Whether such an entry is still current is decided by the shared
  version, as for every other page.

A signed-in person's page is theirs alone: it shows their registrations,
their rights, a form with their CSRF token. Such a page is kept for that
one session – the key adds the person, the session's key and the CSRF
cookie, so that no other person, and not the same person in another
browser or after logging in again, can ever be answered with it – and for
``ASSKOMM_PERSONAL_PAGE_CACHE_SECONDS`` only (one minute by default), so a
person who reloads a list or comes back to it gets it from the cache.
``personal_page`` does the same for the pages only signed-in people see
(the dashboard, the directory …). A view that writes while it renders (the
dashboard noting a visit) has its page rendered afresh next time.

Invalidation: every entry carries the *public content version* it was
rendered under; any change to a record of the portal's own apps (or of the
flat pages) draws a new version (``content_changed``, connected in
``AsskommConfig.ready``), so the next visitor gets a fresh page. What
changes with time alone – an event starting and leaving the list of
upcoming events, a registration opening, a news item's publication date –
shows at most ``ASSKOMM_PAGE_CACHE_SECONDS`` late, the entries' lifetime
(five minutes by default; 0 switches the page cache off). So do the rare
bulk updates that send no signals. Anonymous visitors can only look: to
take part they log in.

Browsers and proxies must not keep these pages (they could not be told of
a change, and would show the anonymous page after logging in): every
response of a cached view says ``Cache-Control: private, no-cache``.

A cache that fails (Redis down) costs the visitor a rendered page, never
an error.
"""

import contextlib
import functools
import hashlib
import logging
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection, connections, router, transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

ALIAS = "pages"
FREE_TEXT_ALIAS = "free_text_pages"
VERSION_KEY = "asskomm:pages:version"
KEY_PREFIX = "asskomm:pages:page:"
# Longer query strings are rendered afresh rather than stored.
MAX_QUERY_LENGTH = 200
# personal_page(query=ANY_QUERY): every parameter is part of the key.
ANY_QUERY = object()

# The records the pages show: those of the portal's own apps (found in
# ``content_apps``), and of these others – the flat pages with the imprint
# and the privacy statement, a person's groups and rights, e-mail addresses
# and second factors (a signed-in person's pages show them).
OTHER_CONTENT_APPS = frozenset({"flatpages", "sites", "auth", "account", "mfa"})


@functools.cache
def content_apps():
    """The labels of the apps whose changes make stored pages stale: the
    portal's own apps (those in the project's folder, outside any virtual
    environment) and ``OTHER_CONTENT_APPS``."""
    base = Path(settings.BASE_DIR).resolve()
    own = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and "site-packages" not in Path(config.path).parts
    }
    return frozenset(own | OTHER_CONTENT_APPS)


# Changes no public page shows that come with everyday use, which must not
# empty the page cache: a login stamps ``last_login`` (and rehashes an old
# password); the dashboard notes each visit and hands out the person's
# calendar feed. ``None``: any change.
UNSHOWN = {
    ("members", "user"): frozenset({"last_login", "password"}),
    ("search", "visit"): None,
    ("events", "calendarfeed"): None,
}


def public_page(view=None, *, query=(), free_text=(), anonymous=True):
    """Serves ``view``'s page from the cache: to anonymous visitors the page
    every anonymous visitor gets, to a signed-in person their own page.

    ``query``: the GET parameters the page reads (its filters, ``page``); a
    request with any other parameter is rendered afresh. ``free_text``:
    those of them that carry free text (the words of a search), whose pages
    go to the bounded cache of the worker process. Used in the URL
    configurations, where the list of cached pages can be read at a glance:
    ``path("", public_page(views.home), name="home")``.
    """
    if view is None:
        return functools.partial(public_page, query=query, free_text=free_text, anonymous=anonymous)
    allowed = ANY_QUERY if query is ANY_QUERY else frozenset(query) | frozenset(free_text)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable = _may_use_cache(request, allowed, anonymous=anonymous)
        key = cache_key(request) if cacheable else None
        alias = FREE_TEXT_ALIAS if any(name in request.GET for name in free_text) else ALIAS
        version = None
        if cacheable:
            version, entry = _look_up(key, alias)
            if entry is not None:
                return _no_shared_caching(_response_from(entry))
        writes = _Writes()
        with connection.execute_wrapper(writes):
            response = view(request, *args, **kwargs)
        view_forbids = _forbids_storing(response) or writes.seen
        _no_shared_caching(response)
        if cacheable and version is not None and request.method == "GET" and not view_forbids:
            store = functools.partial(_store, request, key=key, version=version, alias=alias)
            if callable(getattr(response, "add_post_render_callback", None)):
                response.add_post_render_callback(store)
            else:
                store(response)
        return response

    return wrapper


def personal_page(view=None, *, query=(), free_text=()):
    """Serves a signed-in person's page from the cache for their session:
    for the pages only signed-in people see (anonymous visitors are sent
    to log in). ``query=ANY_QUERY``: every parameter is part of the key (a
    list in the admin, whose filters are many); as only the person in this
    session gets the page, nobody else can fill their cache."""
    return public_page(view, query=query, free_text=free_text, anonymous=False)


def cache_key(request):
    """The page's key: everything the response of a cached view varies on –
    for a signed-in person also who they are, their session and their CSRF
    cookie."""
    parts = [
        request.scheme,
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        get_language() or "",
    ]
    if request.user.is_authenticated:
        parts += [
            str(request.user.pk),
            request.session.session_key or "",
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return KEY_PREFIX + digest


class _Writes:
    """Notes whether the view wrote to the database (an INSERT, UPDATE or
    DELETE): such a page must be rendered again next time, so that the
    write happens again."""

    WRITING = ("INSERT", "UPDATE", "DELETE")

    def __init__(self):
        self.seen = False

    def __call__(self, execute, sql, params, many, context):
        if not self.seen and sql.lstrip()[:6].upper() in self.WRITING:
            self.seen = True
        return execute(sql, params, many, context)


def content_changed(sender, **kwargs):
    """A record changed: the public pages rendered before are stale.

    Connected to post_save, post_delete and m2m_changed of every model.
    The version changes at once and again when the transaction commits:
    a page rendered meanwhile from the data before the commit is stored
    under the version in between, which is then no longer current."""
    if not _seconds():
        return
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in content_apps():
        return
    if sender.__module__ == "__fake__":
        return  # a migration's model: migrate draws a new version when done
    if kwargs.get("action", "post_add") not in ("post_add", "post_remove", "post_clear"):
        return  # m2m_changed: only once the change is made
    key = (meta.app_label, meta.model_name)
    if key in UNSHOWN:
        unshown, update_fields = UNSHOWN[key], kwargs.get("update_fields")
        if unshown is None or (update_fields and set(update_fields) <= unshown):
            return
    new_version()
    using = kwargs.get("using") or "default"
    if connections[using].in_atomic_block:
        transaction.on_commit(new_version, using=using)


def new_version(**kwargs):
    """Makes every stored page stale. (Also connected to post_migrate.)"""
    try:
        cache = caches[ALIAS]
        with _savepoint_for(cache):
            cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - a cache that is down must not fail the change
        logger.warning("page cache: could not draw a new version", exc_info=True)


def _savepoint_for(cache):
    """The database cache writes in the transaction of the change: should it
    fail (its table missing), a savepoint keeps the change's transaction
    usable on PostgreSQL."""
    if isinstance(cache, DatabaseCache):
        return transaction.atomic(using=router.db_for_write(cache.cache_model_class))
    return contextlib.nullcontext()


def connect_signals():
    from django.db.models import signals

    for name in ("post_save", "post_delete", "m2m_changed"):
        getattr(signals, name).connect(content_changed, dispatch_uid=f"asskomm_page_cache_{name}")
    signals.post_migrate.connect(new_version, dispatch_uid="asskomm_page_cache_post_migrate")


def _seconds(request=None):
    """How long a page is kept: a signed-in person's for less time than the
    public ones, which change only for everyone at once."""
    if request is not None and request.user.is_authenticated:
        return min(settings.ASSKOMM_PERSONAL_PAGE_CACHE_SECONDS, _seconds())
    return settings.ASSKOMM_PAGE_CACHE_SECONDS


def _may_use_cache(request, allowed, *, anonymous):
    if not _seconds(request) or request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        if not request.session.session_key:
            return False
    elif not anonymous:
        return False
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return False
    if allowed is not ANY_QUERY and not set(request.GET) <= allowed:
        return False
    # A message waits to be shown (after logging out, say): render it.
    return not len(get_messages(request))


def _look_up(key, alias):
    """The current version, and the entry stored under ``key`` in ``alias``
    when it was rendered under that version. One round trip to the shared
    cache."""
    try:
        cache = caches[ALIAS]
        with _savepoint_for(cache):
            found = cache.get_many([VERSION_KEY, key] if alias == ALIAS else [VERSION_KEY])
            version = found.get(VERSION_KEY)
            if version is None:
                cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
                return cache.get(VERSION_KEY), None
        if alias != ALIAS:
            found[key] = caches[alias].get(key)
    except Exception:  # noqa: BLE001 - a cache that is down costs a rendered page
        logger.warning("page cache: the cache does not answer", exc_info=True)
        return None, None
    entry = found.get(key)
    if entry is None or entry.get("version") != version:
        return version, None
    return version, entry


def _store(request, response, *, key, version, alias):
    if not _may_store(request, response):
        return
    entry = {
        "version": version,
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("cache-control", "expires")
        ],
        "content": response.content,
    }
    try:
        cache = caches[alias]
        with _savepoint_for(cache):
            cache.set(key, entry, timeout=_seconds(request))
    except Exception:  # noqa: BLE001 - a cache that is down costs a rendered page
        logger.warning("page cache: could not store a page", exc_info=True)


def _may_store(request, response):
    """Only what may be given again as it is: to every anonymous visitor, or
    to the signed-in person in this session."""
    if response.status_code != 200 or response.streaming or _sets_cookies(request, response):
        return False
    if _varies_beyond_the_key(request, response):
        return False
    if request.user.is_authenticated:
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not _same_csrf_cookie(request):
            return False  # a new CSRF secret: the key holds the cookie before
    elif request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or b"csrfmiddlewaretoken" in response.content:
        return False  # a form with this visitor's token
    messages = get_messages(request)
    if getattr(messages, "used", False) or len(messages):
        return False  # the page showed a message, or one waits for the next
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def _varies_beyond_the_key(request, response):
    """Whether the view says its page varies on more than the key holds. A
    signed-in person's page may vary on their cookies: the key holds the
    session and the CSRF cookie (and a waiting message is never stored)."""
    varies_on = {header.strip().lower() for header in response.get("Vary", "").split(",")}
    varies_on.discard("")
    if request.user.is_authenticated:
        varies_on.discard("cookie")
    return bool(varies_on)


def _sets_cookies(request, response):
    """Whether the response sets a cookie – other than the CSRF cookie a
    signed-in person's browser sent, given again unchanged (a view that
    protects itself against CSRF, as the admin's do, renews it before the
    page is stored)."""
    names = set(response.cookies)
    renewed = response.cookies.get(settings.CSRF_COOKIE_NAME)
    if (
        renewed is not None
        and request.user.is_authenticated
        and _same_csrf_cookie(request)
        and renewed.value == request.COOKIES[settings.CSRF_COOKIE_NAME]
    ):
        names.discard(settings.CSRF_COOKIE_NAME)
    return bool(names)


def _same_csrf_cookie(request):
    """The page's forms carry a token of the secret the request came with
    (using a token only renews the cookie's lifetime), so the page is good
    for as long as the browser sends that cookie – which the key holds."""
    sent = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    return bool(sent) and request.META.get("CSRF_COOKIE") == sent


def _forbids_storing(response):
    """The view itself says the response is not for others (a download)."""
    directives = response.get("Cache-Control", "").lower()
    return "private" in directives or "no-store" in directives


def _response_from(entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def _no_shared_caching(response):
    """No browser or proxy keeps the page: it may change for this visitor
    at the next login, and for everyone at the next change."""
    patch_cache_control(response, private=True, no_cache=True)
    return response
