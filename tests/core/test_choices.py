"""Every get_FOO_display() answers what Django's own would, in each language (liaise.core.choices)."""

from django.apps import apps
from django.db.models import Model
from django.utils import translation


def test_displays_match_djangos_for_every_choice_in_every_language():
    checked = 0
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            obj = model()
            for value in [value for value, _label in field.flatchoices] + ["not-a-choice"]:
                setattr(obj, field.attname, value)
                for language in ("en", "fr", "de"):
                    with translation.override(language):
                        ours = getattr(obj, f"get_{field.name}_display")()
                        assert ours == Model._get_FIELD_display(obj, field), (model, field.name, value, language)
                        checked += 1
    assert checked > 500


def test_country_names_match_django_countries_in_every_language():
    from django_countries import Countries, countries

    for language in ("en", "fr", "de", "it", "es"):
        with translation.override(language):
            for code in [*countries.countries, "XX", "", "fra", 250]:
                assert countries.name(code) == Countries.name.__wrapped__(countries, code), (code, language)
            assert countries.name("FR") == {"en": "France", "fr": "France", "de": "Frankreich", "it": "Francia",
                                            "es": "Francia"}[language]
