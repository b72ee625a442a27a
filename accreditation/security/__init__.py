"""Sign-in protection, sessions, second factor, rate limits and security headers: the parts of OWASP ASVS level 2
that cut across every app. Configured in settings; see the README's security section."""
