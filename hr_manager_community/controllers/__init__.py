from . import portal
from . import communities
from . import situations
from . import action_plan
from . import sessions
from . import home
from . import feedback
