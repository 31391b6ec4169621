"""The one parser of list filters (liaise.core.filters) and the error family it raises (liaise.core.errors)."""

from datetime import date

import pytest
from django import forms

from liaise.core import errors, filters
from liaise.network.models import Organisation, Project


def refusal(parse, raw, field="x") -> tuple[str, str, int]:
    with pytest.raises(errors.InvalidInput) as refused:
        parse(raw, field)
    return refused.value.message, refused.value.field, refused.value.status


@pytest.mark.parametrize("value", ["ZZ", "france", "F", "12"])
def test_unknown_country_is_refused(value):
    message, field, status = refusal(filters.Country(), value, "country")
    assert message.startswith("Unknown country code")
    assert (field, status) == ("country", 400)


def test_country_in_either_case_and_empty_values():
    assert filters.Country()("de", "country") == "DE"
    assert filters.Country()("", "country") == ""
    assert refusal(filters.Country(), " de", "country")[0].startswith("Unknown country code “ de”")  # as typed
    assert filters.Country()(None, "country") == ""


def test_choice_lists_the_values_in_its_message():
    kind = filters.Choice(Organisation.Kind, "Unknown kind “%(value)s”: use one of %(values)s.")
    assert kind("city", "kind") == "city"
    message, field, _status = refusal(kind, "castle", "kind")
    assert message == f"Unknown kind “castle”: use one of {', '.join(Organisation.Kind.values)}."
    assert field == "kind"


def test_a_refused_value_is_quoted_back_short_and_printable():
    kind = filters.Choice(["a"], "Unknown “%(value)s”.")
    assert refusal(kind, "x" * 100)[0] == "Unknown “" + "x" * 39 + "…”."
    assert refusal(kind, "a\x00b")[0] == "Unknown “a\ufffdb”."


def test_slug_among_a_queryset(db):
    project = filters.Slug(Project.objects.filter(slug="liaise-2"), "Unknown project “%(value)s”.")
    assert project("liaise-2", "project") == "liaise-2"
    assert project("", "project") == ""
    assert refusal(project, "hidden-network", "project") == ("Unknown project “hidden-network”.", "project", 400)
    as_object = filters.Slug(Project.objects.all(), "Unknown “%(value)s”.", as_object=True)
    assert as_object("liaise-2", "project") == Project.objects.get(slug="liaise-2")
    assert as_object("", "project") is None


def test_a_slug_that_cannot_be_one_is_refused_without_a_query(django_assert_num_queries):
    project = filters.Slug(Project.objects.all(), "Unknown project “%(value)s”.")
    with django_assert_num_queries(0):
        assert refusal(project, "a b\x00", "project")[0] == "Unknown project “a b\ufffd”."
        assert refusal(project, "x" * 121, "project")[2] == 400


def test_dates_are_iso_and_bounded():
    day = filters.Date(earliest=date(2000, 1, 1), latest=date(2099, 12, 31))
    assert day("2016-11-17", "from") == date(2016, 11, 17)
    assert day("", "from") is None
    for bad in ("17/11/2016", "20161117", "2016-02-30", "2016-1-1"):
        assert refusal(day, bad, "from")[0] == f"“{bad}” is not a date: write it as YYYY-MM-DD."
    assert refusal(day, "1999-12-31", "from")[0] == "Choose a date between 2000-01-01 and 2099-12-31."


def test_numbers_and_pages_are_bounded():
    page = filters.Page()
    assert page("3", "page") == 3
    for bad in ("0", "-1", "1.5", "x", str(filters.MAX_PAGE + 1), "9" * 40, "²"):
        assert refusal(page, bad, "page") == (f"Give a whole number from 1 to {filters.MAX_PAGE}.", "page", 400)


def test_a_filter_set_parses_all_and_raises_the_first_refusal():
    checked = filters.FilterSet(
        filters.in_order("from", "to"),
        country=filters.Country(), kind=filters.Choice(["a", "b"]), **{"from": filters.Date(), "to": filters.Date()},
    )
    assert checked.parse({"country": "fr", "kind": "b"}) == {"country": "FR", "kind": "b", "from": None, "to": None}
    with pytest.raises(errors.InvalidInput) as refused:
        checked.parse({"country": "ZZ", "kind": "c"})
    assert refused.value.field == "country"
    values, refusals = checked.parse_each({"country": "ZZ", "kind": "c"})
    assert (values, [r.field for r in refusals]) == ({"country": "", "kind": "", "from": None, "to": None},
                                                      ["country", "kind"])
    with pytest.raises(errors.InvalidInput) as backwards:
        checked.parse({"from": "2017-01-01", "to": "2016-01-01"})
    assert (backwards.value.message, backwards.value.field) == ("“to” is before “from”.", "to")


class KindForm(filters.FilterForm):
    kind = forms.CharField(required=False, max_length=5)
    country = forms.CharField(required=False, max_length=2)


def test_a_filter_form_puts_each_refusal_next_to_its_field():
    parser = filters.FilterSet(kind=filters.Choice(["a", "b"], "Unknown kind “%(value)s”."), country=filters.Country())
    form = KindForm({"kind": "c", "country": "ZZZ"}, filter_set=parser)
    assert not form.is_valid()
    assert form.errors["kind"] == ["Unknown kind “c”."]
    assert form.errors["country"] == ["Ensure this value has at most 2 characters (it has 3)."]  # the field's own
    assert form.values() == {"kind": "", "country": ""}
    good = KindForm({"kind": "a", "country": "de"}, filter_set=parser)
    assert (good.is_valid(), good.values()) == (True, {"kind": "a", "country": "DE"})


def test_errors_of_the_family_carry_status_and_field():
    from liaise.events.services import RegistrationError
    from liaise.live.services import LiveError
    from liaise.pilots.services import PilotError

    assert (LiveError("Slow down.", 429).status, LiveError("x", 400, "text").field) == (429, "text")
    assert RegistrationError("Full.", status=409).as_dict() == {"detail": "Full."}
    assert PilotError("No.", "title").as_dict() == {"detail": "No.", "field": "title"}
    assert isinstance(PilotError("No."), errors.InvalidInput)
    assert (errors.NotFound("x").status, errors.Conflict("x").status, errors.Forbidden("x").status) == (404, 409, 403)


def test_add_to_form_falls_back_to_the_whole_form():
    form = KindForm({}, filter_set=filters.FilterSet())
    form.is_valid()
    errors.add_to_form(form, errors.InvalidInput("Not here.", "nowhere"))
    errors.add_to_form(form, errors.InvalidInput("Here.", "kind"))
    assert (form.non_field_errors(), form.errors["kind"]) == (["Not here."], ["Here."])
