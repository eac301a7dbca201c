"""A sample third-party socialaudit plugin."""
