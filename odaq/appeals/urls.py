app_name = "appeals"
urlpatterns: list = []
