from modeltranslation.translator import TranslationOptions, register

from .models import Event, GuidingQuestion, Session


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(GuidingQuestion)
class GuidingQuestionTranslation(TranslationOptions):
    fields = ("text",)
