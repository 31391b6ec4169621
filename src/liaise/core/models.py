from django.db import models


class ContentVersion(models.Model):
    """One row whose counter goes up on every content write; cached pages are keyed by it, so every server
    process sees an edit at once, whatever cache backend it uses."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.value}"
