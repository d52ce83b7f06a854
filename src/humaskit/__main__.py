"""``python -m humaskit``."""

from humaskit.cli import main

if __name__ == "__main__":
    main()
