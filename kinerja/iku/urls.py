app_name = "iku"
urlpatterns = []
