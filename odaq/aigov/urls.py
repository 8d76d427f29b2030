app_name = "aigov"
urlpatterns: list = []
