from django.urls import path

from kinerja.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("saya/", views.account_view, name="account"),
    path("token/<int:pk>/cabut/", views.token_revoke_view, name="token_revoke"),
    path("saya/kata-sandi/", views.password_change_view, name="password_change"),
    path("saya/sesi/<int:pk>/akhiri/", views.session_end_view, name="session_end"),
    path("saya/sesi/akhiri-lainnya/", views.sessions_end_others_view, name="sessions_end_others"),
]
