"""Sign-up that answers alike whether or not the address has an account.

allauth already shows the same page and sends an e-mail in both cases
(``ACCOUNT_PREVENT_ENUMERATION``), but only a new account has its password
hashed, and hashing is what takes time: the answer for a known address
came measurably sooner. Here a known address costs the same hashing.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
