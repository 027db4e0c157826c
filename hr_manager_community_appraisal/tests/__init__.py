from . import test_appraisal_bridge
