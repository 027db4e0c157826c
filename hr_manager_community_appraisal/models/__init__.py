from . import hr_manager_community_review_action
from . import hr_appraisal
from . import hr_manager_community_action
