"""What the portal asks about a person again and again – a network member?
in the working group? a Beccaria alumna? coordinator of which region? –
answered in one query, once per person object.

A page asks these questions many times: the navigation, the view's guard,
``visible_to`` of every list and the panels of other apps. Each answer used
to be a query of its own, asked anew each time. Now every app declares its
facts here (``declare`` in its ``AppConfig.ready()``: members the network
membership and the seat in the working group, training the graduation and
whether the person applied, events the regions a person coordinates), and
the first question about a person loads all of them with one query of
``EXISTS`` subqueries; the answers stay on the person object.
``request.user`` is one object per request, so a request asks once. A page
that knows it will read the person's own rows (the dashboard) loads them in
the same query (``load``). Staff's permissions come in one query rather
than Django's two (``load_permissions``, from ``User.has_perm``).

The answers are as old as the object. A service that changes a fact of a
person (membership, a seat in the working group, a graduation, a
coordination) calls ``forget(user)`` on the objects it was given;
``User.refresh_from_db()`` forgets them too. Another object of the same
person (a new request, a fresh ``User.objects.get``) asks anew. Django keeps
a person's permissions the same way (``has_perm`` caches them on the object).

This module takes the person's class from the object, so that
``members.models`` may use it without a cycle. (Attributes are set with
``setattr``, so that they reach the person behind the lazy ``request.user``.)
"""

from django.contrib.auth.models import Permission
from django.db.models import BooleanField, ExpressionWrapper, Q

# Where a person object keeps its facts, and the names of the rows ``load``
# brought with them.
_ATTRIBUTE = "_person_facts"
_ROWS_ATTRIBUTE = "_person_rows_loaded"
# Annotation names must not clash with the fields of the person.
_PREFIX = "fact_"

_declared = {}


def declare(name, expression):
    """Declares the fact ``name``: ``expression()`` returns a condition on
    the person model (``OuterRef("pk")`` in subqueries is the person), e.g.
    ``Exists(Seat.objects.filter(holder=OuterRef("pk")))``."""
    _declared[name] = expression


def of(user, name):
    """The fact ``name`` about ``user``; False for anonymous visitors and
    for people without a row."""
    if not (user and user.is_authenticated):
        return False
    known = getattr(user, _ATTRIBUTE, None)
    if known is None:
        known = _load(user)
        setattr(user, _ATTRIBUTE, known)
    return known[name]


def load(user, *, related=()):
    """Loads the facts about ``user`` now, with the rows ``related`` names
    (``select_related`` paths: the person's municipality, or rows of their
    own such as ``calendar_feed``) in the same query, onto the object. For
    pages that know what they will ask: the dashboard gathers panels that
    read the person's one-to-one rows (see ``own_rows`` and ``loaded_row``)."""
    if not (user and user.is_authenticated):
        return
    row = _query(user).select_related(*related).first()
    setattr(user, _ATTRIBUTE, _facts_from(row))
    if row is None:
        return
    setattr(user, _ROWS_ATTRIBUTE, set(related))
    for path in related:
        source, target, model = row, user, user.__class__
        for name in path.split("__"):
            relation = model._meta.get_field(name)
            value = relation.get_cached_value(source, default=None)
            if not relation.is_cached(target):
                relation.set_cached_value(target, value)
            if value is None:
                break
            source, target, model = value, relation.get_cached_value(target), value.__class__


def own_rows(model):
    """The names of the rows a person has one of (reverse one-to-one
    relations of the person ``model``: calendar feed, digest subscription,
    dashboard visit …)."""
    return [
        relation.name
        for relation in model._meta.related_objects
        if relation.one_to_one and not relation.remote_field.primary_key
    ]


# What ``loaded_row`` answers for a row the page did not load.
NOT_LOADED = object()


def loaded_row(user, name):
    """The person's one-to-one row ``name`` as ``load`` brought it: the row,
    None when the person has none, or ``NOT_LOADED`` when the page did not
    load it (then ask the database). Does not query. (A row Django happens
    to have cached, e.g. after ``create(user=…)``, does not count: it may be
    older than the database's.)"""
    if name not in getattr(user, _ROWS_ATTRIBUTE, ()):
        return NOT_LOADED
    return user._meta.get_field(name).get_cached_value(user, default=NOT_LOADED)


def load_permissions(user):
    """Puts the permissions of ``user`` where Django's model backend keeps
    them (``_perm_cache``), with one query for those given directly and
    through groups, where the backend asks twice. For active people who are
    not superusers (a superuser's ``has_perm`` asks nothing)."""
    if hasattr(user, "_perm_cache") or not user.is_active or user.is_superuser:
        return
    found = (
        Permission.objects.filter(Q(user=user) | Q(group__user=user))
        .values_list("content_type__app_label", "codename")
        .order_by()
        .distinct()
    )
    user._perm_cache = {f"{app_label}.{codename}" for app_label, codename in found}


def forget(user):
    """Drops what ``user`` (the object) knows about itself: the next
    question loads the facts anew. Django's cached permissions go too."""
    if user is None:
        return
    for attribute in (
        _ATTRIBUTE,
        _ROWS_ATTRIBUTE,
        "_perm_cache",
        "_user_perm_cache",
        "_group_perm_cache",
    ):
        if hasattr(user, attribute):
            delattr(user, attribute)


def _load(user):
    return _facts_from(_query(user).only("pk").first())


def _query(user):
    expressions = {
        _PREFIX + name: ExpressionWrapper(expression(), output_field=BooleanField())
        for name, expression in _declared.items()
    }
    # ``__class__``, not ``type()``: request.user is a lazy object.
    return user.__class__._default_manager.filter(pk=user.pk).annotate(**expressions)


def _facts_from(row):
    return {name: bool(row is not None and getattr(row, _PREFIX + name)) for name in _declared}
