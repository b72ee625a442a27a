"""Response headers Django's SecurityMiddleware does not set: Permissions-Policy on every response, Secure on every
cookie sent over HTTPS, and Cache-Control: no-store on everything served to a signed-in person (their pages and
private downloads must not be kept by a shared proxy or the browser's disk cache)."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        if request.is_secure():
            for morsel in response.cookies.values():
                morsel["secure"] = True
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Replace, not add to, whatever a public page set: the same URL served to someone signed in is private.
            if "Cache-Control" in response:
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response
