"""`python -m bot.cli`: the same as the `vaart` command."""

from bot.cli.main import main

raise SystemExit(main())
