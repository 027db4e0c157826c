from . import hr_manager_community_report
from . import hr_manager_community_perception_gap
from . import hr_manager_community_report_reports
from . import hr_manager_community_report_charts
