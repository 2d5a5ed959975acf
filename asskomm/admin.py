"""Pieces the apps' admin classes share."""


class DeleteOneByOneMixin:
    """Deletes only objects ``may_delete()`` allows, one at a time.

    For records whose removal would bypass a rule (a confirmed place, an
    accepted application): the bulk "delete selected" action would skip the
    check, so it is switched off.
    """

    def may_delete(self, obj):
        return True

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not self.may_delete(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
