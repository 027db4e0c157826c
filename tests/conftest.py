import sys
from pathlib import Path

# The checks share helpers in tests/_repo.py; make them importable whatever the rootdir.
sys.path.insert(0, str(Path(__file__).resolve().parent))
