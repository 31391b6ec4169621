"""Which languages a piece of content exists in, from django-modeltranslation's registry (each app's
``translation.py``): what a page shows in a fallback language, what editors have left to translate, and the
query for "missing a translation in <language>". Nothing here queries the database: it reads the translated
columns of an object already loaded (``title_en``, ``title_fr``...)."""

from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db.models import Q
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order


def content_languages() -> list[str]:
    return [code for code, _name in settings.CONTENT_LANGUAGES]


def translated_fields(model) -> tuple[str, ...]:
    """The translatable fields of ``model`` (a class or an instance), in the model's order; the first one (a
    title, a name) says whether a translation exists at all. Empty for a model without translations."""
    return _fields(model if isinstance(model, type) else type(model))


@cache
def _fields(model) -> tuple[str, ...]:
    try:
        names = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()
    return tuple(f.name for f in model._meta.concrete_fields if f.name in names)


def _value(obj, name: str, language: str) -> str:
    return getattr(obj, build_localized_fieldname(name, language), None) or ""


def _written(obj, name: str) -> bool:
    """Does ``name`` have a value in any language? (An empty optional field needs no translation.)"""
    return any(_value(obj, name, code) for code in content_languages())


def state(obj, language: str) -> str:
    """``"complete"`` (every field written in some language is written in ``language``), ``"partial"`` (the title
    is, some other field is not) or ``"missing"`` (not even the title)."""
    names = translated_fields(obj)
    if not names or not _value(obj, names[0], language):
        return "missing"
    if all(_value(obj, name, language) for name in names if _written(obj, name)):
        return "complete"
    return "partial"


def states(obj) -> list[tuple[str, str]]:
    """(language, :func:`state`) for every content language, for the editors' badges."""
    return [(code, state(obj, code)) for code in content_languages()]


def available(obj) -> list[str]:
    """The languages ``obj`` has a title in (content-language order)."""
    names = translated_fields(obj)
    return [code for code in content_languages() if names and _value(obj, names[0], code)]


def shown_in(obj, name: str, language: str | None = None) -> str | None:
    """The language ``obj.name`` is shown in on a page in ``language`` (default: the active one), following the
    model's fallbacks; None when it has no value in any of them."""
    language = language or get_language()
    descriptor = type(obj).__dict__.get(name)
    fallbacks = getattr(descriptor, "fallback_languages", None)
    for code in resolution_order(language, fallbacks):
        if _value(obj, name, code):
            return code
    return None


@dataclass
class Fallbacks:
    """What a page in ``language`` shows of ``obj``: each field shown in another language (field → language)."""

    language: str
    fields: dict[str, str] = field(default_factory=dict)
    title_missing: bool = False

    @property
    def shown_in(self) -> str | None:
        """The (first) language the fallback text is in."""
        return next(iter(self.fields.values()), None)


def fallbacks(obj, language: str | None = None) -> Fallbacks:
    language = language or get_language()
    result = Fallbacks(language)
    names = translated_fields(obj)
    for name in names:
        code = shown_in(obj, name, language)
        if code is not None and code != language:
            result.fields[name] = code
    result.title_missing = bool(names) and names[0] in result.fields
    return result


def missing_in(model, language: str) -> Q:
    """The objects of ``model`` whose translation into ``language`` is not complete: a field written in some
    language is empty in ``language`` (the query twin of ``state(obj, language) != "complete"``)."""
    condition = Q(pk__in=[])
    for name in translated_fields(model):
        here = build_localized_fieldname(name, language)
        empty_here = Q(**{here: ""}) | Q(**{f"{here}__isnull": True})
        written_elsewhere = Q(pk__in=[])
        for code in content_languages():
            if code != language:
                there = build_localized_fieldname(name, code)
                written_elsewhere |= ~Q(**{there: ""}) & Q(**{f"{there}__isnull": False})
        condition |= empty_here & written_elsewhere
    return condition
