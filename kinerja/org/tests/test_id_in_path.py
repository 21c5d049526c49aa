"""IdInPath finds a post and the posts above it by the ids of its path, the same rows as
comparing the paths (kinerja.core.queries)."""

from django.db.models import F, Subquery, Value
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


def test_the_posts_strictly_under_a_path_are_those_its_prefix_finds_but_itself(personas):
    from django.db.models import OuterRef

    from kinerja.core.queries import StrictlyUnderPath

    for position in Position.objects.all():
        by_prefix = set(
            Position.objects.filter(path__startswith=position.path)
            .exclude(pk=position.pk)
            .values_list("pk", flat=True)
        )
        under = Position.objects.filter(StrictlyUnderPath(Value(position.path), "path"))
        assert set(under.values_list("pk", flat=True)) == by_prefix, position.path
        # The same from another row's path, as positions_held_by asks it.
        below = Position.objects.filter(StrictlyUnderPath(OuterRef("path"), "path"))
        [found] = (
            Position.objects.filter(pk=position.pk)
            .annotate(found=Subquery(below.values("pk")[:1]))
            .values_list("found", flat=True)
        )
        assert (found is not None) == bool(by_prefix) and (found is None or found in by_prefix)


def test_a_set_of_ids_is_read_without_the_models_ordering(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.core.queries import InIds
    from kinerja.org.models import Assignment

    assert Assignment._meta.ordering  # the default ordering InIds must leave out
    with CaptureQueriesContext(connection) as queries:
        found = set(
            Position.objects.filter(InIds("pk", Assignment.objects.values("position_id")))
            .order_by()
            .values_list("pk", flat=True)
        )
    assert found == set(Assignment.objects.values_list("position_id", flat=True))
    assert "ORDER BY" not in queries[0]["sql"]
