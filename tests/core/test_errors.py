"""The errors a person reads: a refusal by the database itself becomes one too."""

import pytest


def test_a_unique_thing_saved_twice_at_once_is_a_conflict_not_a_500(db):
    from liaise.core.errors import Conflict, saved_once
    from liaise.network.models import Topic

    existing = Topic.objects.first()
    with pytest.raises(Conflict, match="just saved from elsewhere"), saved_once():
        Topic.objects.create(slug=existing.slug, name_en="The same, again", position=99)
    assert Topic.objects.filter(slug=existing.slug).count() == 1  # and the transaction goes on
