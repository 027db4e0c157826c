from . import test_practice
from . import test_charter
from . import test_portal
from . import test_collective_portal
from . import test_collective_tour
from . import test_charter_sections
