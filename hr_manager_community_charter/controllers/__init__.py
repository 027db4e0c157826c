from . import portal
from . import practices
