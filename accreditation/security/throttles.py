"""The API's throttles, counting anonymous clients by the address clients.client_ip trusts (DRF's own would believe
any X-Forwarded-For without NUM_PROXIES) and signed-in people by account."""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from .clients import client_ip


class AnonThrottle(AnonRateThrottle):
    def get_ident(self, request) -> str:
        return client_ip(request)


class UserThrottle(UserRateThrottle):
    def get_ident(self, request) -> str:
        return client_ip(request)
