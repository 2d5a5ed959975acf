from django.utils.functional import SimpleLazyObject

from training import alumni


def alumni_navigation(request):
    """Whether the navigation links the alumni directory. Lazy: asked only
    when a page shows the navigation to a signed-in person, and then once per
    request (the directory page itself reuses the answer)."""
    return {
        "may_use_alumni_directory": SimpleLazyObject(
            lambda: alumni.request_may_use_directory(request)
        )
    }
