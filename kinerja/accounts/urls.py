from django.urls import path

from kinerja.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("saya/", views.account_view, name="account"),
    path("token/<int:pk>/cabut/", views.token_revoke_view, name="token_revoke"),
]
