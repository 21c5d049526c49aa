"""IdInPath finds a post and the posts above it by the ids of its path, the same rows as
comparing the paths (kinerja.core.queries)."""

from django.db.models import F, Value
from django.db.models.lookups import StartsWith

from kinerja.core.queries import IdInPath
from kinerja.org.models import Position


def test_the_posts_of_a_path_are_the_post_and_those_above_it(personas):
    for position in Position.objects.all():
        by_ids = set(
            Position.objects.filter(IdInPath(Value(position.path), "pk")).values_list(
                "pk", flat=True
            )
        )
        by_paths = set(
            Position.objects.filter(StartsWith(Value(position.path), F("path"))).values_list(
                "pk", flat=True
            )
        )
        assert by_ids == by_paths == {*position.ancestor_ids, position.pk}
