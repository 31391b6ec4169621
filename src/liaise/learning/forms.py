from django import forms
from django.utils.translation import gettext_lazy as _

RATINGS = [(n, str(n)) for n in range(5, 0, -1)]


class FeedbackForm(forms.Form):
    overall = forms.TypedChoiceField(label=_("Overall, how useful was this training?"), choices=RATINGS, coerce=int,
                                     widget=forms.RadioSelect, help_text=_("5 = very useful, 1 = not useful"))
    relevance = forms.TypedChoiceField(label=_("How relevant was it to your work?"), choices=RATINGS, coerce=int,
                                       widget=forms.RadioSelect, help_text=_("5 = very relevant, 1 = not relevant"))
    trainers = forms.TypedChoiceField(label=_("How clear were the trainers?"), choices=RATINGS, coerce=int,
                                      widget=forms.RadioSelect, help_text=_("5 = very clear, 1 = not clear"))
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your answer is anonymous: do not write your name, and do not describe any person."),
    )


class AttendanceForm(forms.Form):
    """One checkbox per (trainee, module), named ``a-<registration id>-<module id>``."""

    def __init__(self, *args, rows=(), modules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows, self.modules = list(rows), list(modules)
        for row in self.rows:
            for module in self.modules:
                self.fields[f"a-{row.registration.pk}-{module.pk}"] = forms.BooleanField(
                    required=False, initial=module.pk in row.attended,
                    label=f"{row.registration.name}: {module.title}",
                )

    def attended(self) -> dict[int, set[int]]:
        result: dict[int, set[int]] = {}
        for name, value in self.cleaned_data.items():
            if value:
                _prefix, registration_id, module_id = name.split("-")
                result.setdefault(int(registration_id), set()).add(int(module_id))
        return result
