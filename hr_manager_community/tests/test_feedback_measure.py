# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An accepted feedback carries its prevention measure: the directors cannot
answer "accepted" or "partly accepted" without it, nor empty it later, so the
risk assessment (DUERP) annex never counts a decided measure without text."""

from odoo.exceptions import ValidationError
from odoo.tests.common import tagged

from .test_feedback import FeedbackCase


@tagged("post_install", "-at_install")
class TestFeedbackMeasure(FeedbackCase):
    def assertMeasureRequired(self, function, *args, **kwargs):
        # assertRaises (not assertRaisesRegex) rolls the refused write back.
        with self.assertRaises(ValidationError) as caught:
            function(*args, **kwargs)
        self.assertIn("prevention measure", str(caught.exception))

    def _answer(self, feedback, **values):
        feedback.with_user(self.director).write(
            dict({"response": "<p>Our answer</p>"}, **values)
        )
        feedback.with_user(self.director).action_answer()

    def test_accepting_requires_the_measure(self):
        for decision in ("accepted", "partial"):
            for measure in (False, "", "   \n  "):
                with self.subTest(decision=decision, measure=measure):
                    feedback = self._feedback_in("released", name=f"F {decision}")
                    self.assertMeasureRequired(
                        self._answer, feedback, decision=decision, measure=measure
                    )
                    self.assertEqual(feedback.state, "released")
                    self.assertFalse(feedback.date_answered)

    def test_other_decisions_need_no_measure(self):
        for decision in ("study", "declined"):
            with self.subTest(decision=decision):
                feedback = self._feedback_in("released", name=f"F {decision}")
                self._answer(feedback, decision=decision)
                self.assertEqual(feedback.state, "answered")

    def test_measure_cannot_be_emptied_afterwards(self):
        feedback = self._feedback_in("released")
        self._answer(feedback, decision="accepted", measure="Weekly arbitration")
        self.assertEqual(feedback.state, "answered")
        director_feedback = feedback.with_user(self.director)
        self.assertMeasureRequired(director_feedback.write, {"measure": " "})
        self.assertMeasureRequired(
            director_feedback.write, {"decision": "partial", "measure": False}
        )
        feedback.invalidate_recordset()
        self.assertEqual(feedback.measure, "Weekly arbitration")
        # Declining afterwards drops the need for a measure.
        feedback.with_user(self.director).write({"decision": "declined", "measure": ""})
        self.assertFalse(feedback.measure)
        self.assertMeasureRequired(director_feedback.write, {"decision": "accepted"})
