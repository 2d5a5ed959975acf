from django.contrib import admin

from news.models import DigestSubscription, News


@admin.register(News)
class NewsAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "publish_from", "publish_until", "pinned"]
    list_filter = ["audience", "pinned"]
    search_fields = ["title", "text"]
    date_hierarchy = "publish_from"
    fields = ["title", "text", "audience", "publish_from", "publish_until", "pinned"]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(DigestSubscription)
class DigestSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "active", "last_sent_at"]
    list_filter = ["active"]
    search_fields = ["user__email"]
    readonly_fields = ["user", "last_sent_at"]
