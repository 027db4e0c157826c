from . import res_company
from . import res_config_settings
from . import hr_manager_community_perception
from . import hr_manager_community_report_period
