"""Pages of public consultation forums: the staff pages (`urlpatterns`, under
/forum-konsultasi/) and the public pages (`public_patterns`, under /forum/)."""

from django.urls import path

from kinerja.forums.views import public, staff

app_name = "forums"

urlpatterns = [
    path("", staff.list_view, name="list"),
    path("baru/", staff.create_view, name="create"),
    path("ikhtisar/", staff.overview_view, name="overview"),
    path("<int:pk>/", staff.detail_view, name="detail"),
    path("<int:pk>/ubah/", staff.edit_view, name="edit"),
    path("<int:pk>/terbitkan/", staff.publish_view, name="publish"),
    path("komitmen/<int:pk>/", staff.commitment_view, name="commitment"),
    path("komitmen/<int:pk>/selesai/", staff.commitment_complete_view, name="commitment_complete"),
    path("komitmen/<int:pk>/batal/", staff.commitment_drop_view, name="commitment_drop"),
]

public_patterns = (
    [
        path("", public.list_view, name="list"),
        path("<int:pk>/", public.detail_view, name="detail"),
    ],
    "forums_public",
)
