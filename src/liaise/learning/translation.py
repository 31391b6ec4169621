from modeltranslation.translator import TranslationOptions, register

from .models import Module


@register(Module)
class ModuleTranslation(TranslationOptions):
    fields = ("title", "objectives", "materials")
