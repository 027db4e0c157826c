from . import test_workflow_mixin
from . import test_psychosocial_factor
from . import test_community
from . import test_session
from . import test_situation
from . import test_confidentiality
