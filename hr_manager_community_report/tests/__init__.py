from . import test_report_threshold
from . import test_report_render
from . import test_perception
from . import test_report_snapshot
from . import test_report_pdf
from . import test_perception_answers
