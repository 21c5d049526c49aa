"""URLs of the SKP review pages: the rater's inbox, the review of a plan, dialogue comments."""

from django.urls import path

from kinerja.skp import views_review

urlpatterns: list = [
    path("kotak-masuk/", views_review.inbox_view, name="inbox"),
    path("<int:pk>/tinjau/", views_review.review_view, name="review"),
    path("<int:pk>/komentar/", views_review.comment_add_view, name="comment_add"),
]
