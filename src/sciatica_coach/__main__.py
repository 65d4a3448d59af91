"""Allow ``python -m sciatica_coach``."""

from sciatica_coach.cli.app import main

main()
