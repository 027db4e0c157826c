# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Manager Communities - Director Reporting",
    "summary": "Privacy-thresholded reporting on manager communities for directors",
    "version": "18.0.1.1.0",
    "category": "Human Resources",
    "website": "https://github.com/manager-communities/manager-communities",
    "author": "Manager Communities contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["hr_manager_community", "survey"],
    "data": [
        "security/ir.model.access.csv",
        "security/hr_manager_community_report_rules.xml",
        "security/hr_manager_community_perception_rules.xml",
        "data/ir_cron_data.xml",
        "report/hr_manager_community_report_reports.xml",
        "report/hr_manager_community_report_templates.xml",
        "report/hr_manager_community_report_views.xml",
        "views/hr_manager_community_feedback_views.xml",
        "wizards/hr_manager_community_report_wizard_views.xml",
        "views/hr_manager_community_report_period_views.xml",
        "views/hr_manager_community_report_menus.xml",
        "report/hr_manager_community_perception_gap_views.xml",
        "views/hr_manager_community_perception_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/hr_manager_community_report_demo.xml",
    ],
}
