"""The rules of the library: adding and changing resources."""

from events.extraction import read_new_file
from library.models import Resource


def save_resource(*, resource: Resource, uploaded_by=None) -> Resource:
    """Saves a resource; a newly uploaded file's text and size are read once,
    here, and the person who uploaded it is kept."""
    if read_new_file(resource) and uploaded_by is not None:
        resource.uploaded_by = uploaded_by
    resource.save()
    return resource
