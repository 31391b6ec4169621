"""Translatable content (django-modeltranslation): EN, FR, ES, DE, IT with fallback to English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Practice, Resource


@register(Practice)
class PracticeTranslation(TranslationOptions):
    fields = ("title", "summary", "description")


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = ("title", "description")
