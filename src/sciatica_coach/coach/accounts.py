"""Accounts: sign up, sign in and out, change the password, delete everything.

The rules, in one place:

* a name is 1 to 64 letters, digits, dots, dashes or underscores (case does not matter); a
  password is 10 to 200 characters (NIST SP 800-63B: length, not composition rules);
* passwords are stored only as argon2id hashes (``argon2-cffi``'s defaults, RFC 9106), and a
  hash made with older settings is renewed at the next sign-in;
* a sign-in gives the browser a random token; only its SHA-256 is kept, for
  :data:`LOGIN_LIFETIME`; signing in, changing the password or signing out ends the old one;
* after :data:`MAX_FAILURES` failed sign-ins within :data:`FAILURE_WINDOW` for one name, or
  from one address, sign-in is refused until the window has passed (:class:`TooManyTries`);
* at most :data:`MAX_SIGN_UPS` new accounts an hour from one address;
* names are kept in lower case ("Ann" and "ann" are one account);
* what is said never tells whether a name exists: a wrong name and a wrong password get the
  same words, and an unknown name costs as much time as a known one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sciatica_coach.storage.accounts import Accounts, NameTaken, User

from .errors import Invalid, NotFound, SignInNeeded, TooManyTries

__all__ = ["Accounts", "SignedIn", "User", "sign_in", "sign_up", "signed_in_user"]

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
    return hasher.hash("a password for timing only")


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
        user_id = accounts.add_user(name, hasher.hash(password), now)
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
) -> SignedIn:
    """Check the name and password (within the rate limit) and start a sign-in; the
    browser's ``previous`` token, if any, ends (a new token at every sign-in).

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
        accounts.set_password(user.id, hasher.hash(password))
    accounts.end_expired_logins(now)
    if previous:
        accounts.end_login(token_hash(previous))
    return start_sign_in(accounts, user, now)


def signed_in_user(accounts: Accounts, token: str, now: datetime) -> User:
    """Whose browser this is, or :class:`SignInNeeded`."""
    login = accounts.login(token_hash(token)) if token else None
    if login is None or login.expires_at <= now:
        raise SignInNeeded("Please sign in to see your journal.")
    user = accounts.user(login.user_id)
    if user is None:
        raise SignInNeeded("Please sign in to see your journal.")
    return user


def sign_out(accounts: Accounts, token: str) -> None:
    accounts.end_login(token_hash(token))


def change_password(
    accounts: Accounts, user: User, current: str, new: str, now: datetime
) -> SignedIn:
    """A new password; every other sign-in of this account ends, and this one is renewed."""
    if user.password_hash is None or not _matches(user.password_hash, current):
        raise Invalid.one(("current",), "That is not your current password.")
    accounts.set_password(user.id, hasher.hash(check_password(new, "new")))
    accounts.end_logins_of(user.id)
    return start_sign_in(accounts, user, now)


def reset_password(accounts: Accounts, name: str, new: str) -> User:
    """A new password set by whoever runs the app, for a person who forgot theirs: every
    sign-in of the account ends, so only the new password opens it."""
    user = accounts.user_named(name)
    if user is None or user.password_hash is None:
        raise NotFound(f"There is no account named {name}.")
    accounts.set_password(user.id, hasher.hash(check_password(new)))
    accounts.end_logins_of(user.id)
    return user


def delete_account(accounts: Accounts, user: User, password: str) -> None:
    """The account, its whole journal and every sign-in, for good."""
    if user.password_hash is None or not _matches(user.password_hash, password):
        raise Invalid.one(("password",), "That is not your password; nothing was deleted.")
    accounts.delete_user(user.id)


def start_sign_in(accounts: Accounts, user: User, now: datetime) -> SignedIn:
    """A sign-in for ``user`` (just made, or just proven): a new random token."""
    token = secrets.token_urlsafe(32)
    expires = now + LOGIN_LIFETIME
    accounts.add_login(token_hash(token), user.id, now, expires)
    return SignedIn(token, user, expires)


def _matches(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
