from modeltranslation.translator import TranslationOptions, register

from .models import Pilot, TargetGroup


@register(TargetGroup)
class TargetGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(Pilot)
class PilotTranslation(TranslationOptions):
    fields = ("title", "summary", "problem", "lessons_learned")
