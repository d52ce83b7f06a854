"""One module per command group; each adds its commands to the app."""
