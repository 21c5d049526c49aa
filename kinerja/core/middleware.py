from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class IndonesianFirstLocaleMiddleware:
    """Speak Indonesian unless the user chose another language with the ID/EN switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which would give
    most office computers (set up in English) an English interface. The choice is kept in the
    language cookie that Django's set_language view writes.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
