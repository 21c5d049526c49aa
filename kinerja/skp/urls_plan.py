"""URLs of the SKP plan pages."""

urlpatterns: list = []
