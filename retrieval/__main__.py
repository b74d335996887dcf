import sys

from retrieval.cli import main

if __name__ == "__main__":  # (worker processes may import the main module)
    sys.exit(main())
