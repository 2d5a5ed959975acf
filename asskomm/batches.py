"""Staff act on several selected rows at once – the admin's actions, the
completion page: each row goes through its service, a refusal is shown as
a warning of its own, and one message counts what was done."""

from django.contrib import messages


def for_each_selected(request, objects, act, *, done, refusals, label=None):
    """Calls ``act(obj)`` for each of ``objects`` and returns how many went
    through.

    ``refusals`` are the exception types of the rule that may refuse a row
    (the app's domain error); each becomes a warning, prefixed with
    ``label(obj)`` when given. ``done`` is an ``ngettext_lazy(singular,
    plural, "count")`` message, shown once with the count of the rest.
    """
    count = 0
    for obj in objects:
        try:
            act(obj)
        except refusals as error:
            text = str(error) if label is None else f"{label(obj)}: {error}"
            messages.warning(request, text)
        else:
            count += 1
    report_count(request, done, count)
    return count


def report_count(request, done, count):
    """Tells how many rows an action changed; nothing when it was none."""
    if count:
        messages.success(request, done % {"count": count})
