from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    # news: the list, the editors' pages, one post
    path("news/", views.post_list, name="list"),
    path("news/new/", views.post_new, name="new"),
    path("news/mine/", views.my_posts, name="mine"),
    path("news/<slug:slug>/", views.post_detail, name="post"),
    path("news/<slug:slug>/edit/", views.post_edit, name="edit"),
    path("news/<slug:slug>/delete/", views.post_delete, name="delete"),
    # feeds and calendars (public: what a visitor sees), the subscriptions page, the private addresses
    path("feeds/", views.subscribe, name="subscribe"),
    path("feeds/new-address/", views.renew_key, name="renew_key"),
    path("feeds/news.<str:fmt>", views.feed, name="feed"),
    path("feeds/projects/<slug:slug>/news.<str:fmt>", views.project_feed, name="project_feed"),
    path("feeds/topics/<slug:slug>/news.<str:fmt>", views.topic_feed, name="topic_feed"),
    path("feeds/projects/<slug:slug>/events.ics", views.project_calendar, name="project_calendar"),
    path("feeds/organisations/<slug:slug>/events.ics", views.organisation_calendar, name="organisation_calendar"),
    path("feeds/topics/<slug:slug>/events.ics", views.topic_calendar, name="topic_calendar"),
    path("feeds/private/<str:key>/news.<str:fmt>", views.private_feed, name="private_feed"),
    path("feeds/private/<str:key>/events.ics", views.private_calendar, name="private_calendar"),
    path("feeds/private/<str:key>/my-events.ics", views.my_calendar, name="my_calendar"),
]
