from . import hr_manager_charter_report
