from . import hr_manager_practice
from . import hr_manager_charter
