from django.conf import settings


def site(request):
    return {"LIAISE_DEBUG": settings.DEBUG}
