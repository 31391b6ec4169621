"""Admin for live Q&A, for site admins: boards with their questions and moderation log (read-only history)."""

from django.contrib import admin

from liaise.accounts.admin import StaffOnlyAdmin
from liaise.accounts.admin_site import admin_site

from .models import Board, ModerationAction, Question


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["text", "to_speaker", "name", "status", "votes", "reports", "created"]
    readonly_fields = ["text", "to_speaker", "name", "votes", "reports", "created"]
    extra = 0
    can_delete = True
    show_change_link = False


class ActionInline(admin.TabularInline):
    model = ModerationAction
    fields = ["created", "action", "actor", "question", "detail"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Board, site=admin_site)
class BoardAdmin(StaffOnlyAdmin):
    list_display = ["code", "session", "moderation", "is_open", "created"]
    list_filter = ["is_open", "moderation", "session__event"]
    search_fields = ["code", "session__title", "session__event__title"]
    list_select_related = ["session__event"]
    readonly_fields = ["code", "session", "highlighted", "created", "opened", "closed"]
    filter_horizontal = ["moderators"]
    inlines = [QuestionInline, ActionInline]

    def has_add_permission(self, request):
        return False  # boards are created from the event's "Live Q&A" page
