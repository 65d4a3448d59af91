"""The deployment tests: ``slow`` marks the hosted end-to-end test (a minute or two; it still
runs in ``make test``: select it with ``-m slow``, leave it out with ``-m 'not slow'``)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: a test of a minute or more (still in make test)")
