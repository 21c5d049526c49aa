"""URLs of the SKP alignment pages."""

urlpatterns: list = []
