"""Translatable content (django-modeltranslation): EN, FR, ES, DE, IT with fallback to English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, Person, Project, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("title",)


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("name", "summary")
