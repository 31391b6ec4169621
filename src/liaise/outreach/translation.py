from modeltranslation.translator import TranslationOptions, register

from .models import Post


@register(Post)
class PostTranslation(TranslationOptions):
    fields = ("title", "lead", "body", "image_alt")
    # A post is written in one language (its ``language``): shown in that language where no translation exists.
    fallback_languages = {"default": ("en", "fr", "es", "de", "it")}
