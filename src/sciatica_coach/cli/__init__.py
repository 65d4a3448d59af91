"""The command-line adapter: Typer commands that call the domain and print with Rich."""
