"""Accounts: sign up, sign in and out, change the password, delete everything.

The rules, in one place:

* a name is 1 to 64 letters, digits, dots, dashes or underscores (case does not matter); a
  password is 10 to 200 characters (NIST SP 800-63B: length, not composition rules);
* passwords are stored only as argon2id hashes (``argon2-cffi``'s defaults, RFC 9106), and a
  hash made with older settings is renewed at the next sign-in;
* a sign-in gives the browser a random token; only its SHA-256 is kept, for
  :data:`LOGIN_LIFETIME`; signing in, changing the password or signing out ends the old one;
* a sign-in is bound to the browser's CSRF secret, given afresh with it: the login row keeps
  the secret's SHA-256, and the token counts only beside that secret (:func:`signed_in_user`).
  A page on another port of the same host can set cookies here (cookies ignore ports), so
  it could plant its own account's sign-in in someone's browser, who would then write their
  health into that account (security review M-2). Planted alone, that sign-in now opens
  nothing. Over plain http such a page can still plant *both* cookies of its own account
  (the sign-in and the CSRF secret bound to it), which no server check can tell apart; only
  the ``__Host-`` cookie names used over HTTPS (:mod:`sciatica_coach.web.cookies`) stop that.
  Sign-ins from before the binding (no secret kept) are refused: sign in again;
* at most a few argon2 checks run at once (:mod:`.password_checks`), so a burst of sign-ins
  cannot take the memory; one that waits too long is told to try again (:class:`Busy`);
* after :data:`MAX_FAILURES` failed sign-ins within :data:`FAILURE_WINDOW` for one name, or
  from one address, sign-in is refused until the window has passed (:class:`TooManyTries`);
* at most :data:`MAX_SIGN_UPS` new accounts an hour from one address;
* names are kept in lower case ("Ann" and "ann" are one account);
* what is said never tells whether a name exists: a wrong name and a wrong password get the
  same words, and an unknown name costs as much time as a known one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sciatica_coach.storage.accounts import Accounts, NameTaken, User

from . import password_checks
from .errors import Busy, Invalid, NotFound, SignInNeeded, TooManyTries

__all__ = ["Accounts", "Busy", "SignedIn", "User", "sign_in", "sign_up", "signed_in_user"]

LOGIN_LIFETIME = timedelta(days=14)
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=1)
MAX_SIGN_UPS = 5
SIGN_UP_WINDOW = timedelta(hours=1)
NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")
MIN_PASSWORD, MAX_PASSWORD = 10, 200

WRONG = "That name and password do not match an account. Check both and try again."
WAIT = (
    "Too many tries. For your safety, signing in is paused for a minute; "
    "then try again (or ask whoever runs this app to reset your password)."
)

TOO_MANY_SIGN_UPS = "Too many new accounts from here in the last hour. Try again later."

hasher = PasswordHasher()
"""The argon2id hasher (tests swap in a cheaper one)."""


@cache
def _unknown() -> str:
    """A hash to check a password against when the name is unknown (same time taken)."""
    return _hash("a password for timing only")


@dataclass(frozen=True)
class SignedIn:
    """A new sign-in: the token for the browser's cookie, and whose it is."""

    token: str
    user: User
    expires_at: datetime


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_name(name: str) -> str:
    name = name.strip()
    if not NAME.fullmatch(name):
        raise Invalid.one(
            ("name",), "A name is 1 to 64 letters, digits, dots, dashes or underscores."
        )
    return name


def check_password(password: str, field: str = "password") -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Invalid.one(
            (field,),
            f"A password is {MIN_PASSWORD} to {MAX_PASSWORD} characters; "
            f"this one has {len(password)}. A few words you will remember work well.",
        )
    return password


def sign_up(
    accounts: Accounts, name: str, password: str, now: datetime, address: str | None = None
) -> User:
    """A new account with its own, empty journal. From the network (``address``), at most
    :data:`MAX_SIGN_UPS` an hour from one address, so no one can fill the database or tie
    up the server hashing; from the terminal (no address), as many as the owner likes."""
    name = check_name(name).lower()
    check_password(password)
    if address is not None:
        key = [f"signup:{address[:100]}"]
        if not accounts.try_attempt(key, now, now - SIGN_UP_WINDOW, MAX_SIGN_UPS):
            raise TooManyTries("too_many_sign_ups", TOO_MANY_SIGN_UPS)
    if name == "local":
        raise Invalid.one(("name",), "That name is taken. Choose another.")
    try:
        user_id = accounts.add_user(name, _hash(password), now)
    except NameTaken:
        raise Invalid.one(("name",), "That name is taken. Choose another.") from None
    user = accounts.user(user_id)
    assert user is not None
    return user


def sign_in(
    accounts: Accounts,
    name: str,
    password: str,
    address: str,
    now: datetime,
    previous: str = "",
    *,
    browser_secret: str,
) -> SignedIn:
    """Check the name and password (within the rate limit) and start a sign-in bound to
    ``browser_secret`` (the CSRF secret the browser is given with it); the browser's
    ``previous`` token, if any, ends (a new token at every sign-in).

    The attempt is counted before the password is checked and taken back on success, so
    tries sent all at once are limited like tries sent one by one."""
    name = name.strip().lower()
    keys = [f"name:{name[:100]}", f"address:{address[:100]}"]
    attempt = accounts.try_attempt(keys, now, now - FAILURE_WINDOW, MAX_FAILURES)
    if not attempt:
        raise TooManyTries("too_many_tries", WAIT)
    user = accounts.user_named(name) if NAME.fullmatch(name) else None
    if user is None or user.password_hash is None or not _matches(user.password_hash, password):
        if user is None or user.password_hash is None:
            _matches(_unknown(), password)  # the same time as for a real account
        accounts.forget_failures(before=now - FAILURE_WINDOW * 60)
        raise Invalid.one(("password",), WRONG)
    accounts.forget_attempt(attempt)
    if hasher.check_needs_rehash(user.password_hash):
        accounts.set_password(user.id, _hash(password))
    accounts.end_expired_logins(now)
    if previous:
        accounts.end_login(token_hash(previous))
    return start_sign_in(accounts, user, now, browser_secret=browser_secret)


def signed_in_user(accounts: Accounts, token: str, now: datetime, *, browser_secret: str) -> User:
    """Whose browser this is, or :class:`SignInNeeded`: the token must be a live sign-in
    bound to this same ``browser_secret`` (a sign-in sent beside another secret was
    planted, or copied, and opens nothing; one bound to nothing predates the binding)."""
    login = accounts.login(token_hash(token)) if token else None
    if login is None or login.expires_at <= now or not _bound_to(login.csrf_hash, browser_secret):
        raise SignInNeeded("Please sign in to see your journal.")
    user = accounts.user(login.user_id)
    if user is None:
        raise SignInNeeded("Please sign in to see your journal.")
    return user


def sign_out(accounts: Accounts, token: str) -> None:
    accounts.end_login(token_hash(token))


def change_password(
    accounts: Accounts,
    user: User,
    current: str,
    new: str,
    now: datetime,
    *,
    browser_secret: str,
) -> SignedIn:
    """A new password; every other sign-in of this account ends, and this one is renewed
    (bound to ``browser_secret``, the CSRF secret given with it)."""
    if user.password_hash is None or not _matches(user.password_hash, current):
        raise Invalid.one(("current",), "That is not your current password.")
    accounts.set_password(user.id, _hash(check_password(new, "new")))
    accounts.end_logins_of(user.id)
    return start_sign_in(accounts, user, now, browser_secret=browser_secret)


def reset_password(accounts: Accounts, name: str, new: str) -> User:
    """A new password set by whoever runs the app, for a person who forgot theirs: every
    sign-in of the account ends, so only the new password opens it."""
    user = accounts.user_named(name)
    if user is None or user.password_hash is None:
        raise NotFound(f"There is no account named {name}.")
    accounts.set_password(user.id, _hash(check_password(new)))
    accounts.end_logins_of(user.id)
    return user


def delete_account(accounts: Accounts, user: User, password: str) -> None:
    """The account, its whole journal and every sign-in, for good."""
    if user.password_hash is None or not _matches(user.password_hash, password):
        raise Invalid.one(("password",), "That is not your password; nothing was deleted.")
    accounts.delete_user(user.id)


def start_sign_in(
    accounts: Accounts, user: User, now: datetime, *, browser_secret: str
) -> SignedIn:
    """A sign-in for ``user`` (just made, or just proven): a new random token, bound to the
    browser's new CSRF secret ``browser_secret``."""
    if not browser_secret:
        raise ValueError("a sign-in is bound to the browser's CSRF secret")
    token = secrets.token_urlsafe(32)
    expires = now + LOGIN_LIFETIME
    accounts.add_login(
        token_hash(token), user.id, now, expires, csrf_hash=token_hash(browser_secret)
    )
    return SignedIn(token, user, expires)


def _bound_to(csrf_hash: str | None, browser_secret: str) -> bool:
    if csrf_hash is None or not browser_secret:
        return False
    return hmac.compare_digest(csrf_hash, token_hash(browser_secret))


def _gate() -> password_checks.Gate:
    return password_checks.gate_for(hasher.memory_cost)


def _hash(password: str) -> str:
    with _gate().held():
        return hasher.hash(password)


def _matches(password_hash: str, password: str) -> bool:
    try:
        with _gate().held():
            return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
