"""The procedures: the flows of the accreditation cycle, their task views, step tables, due dates and the demo.

The top layer: it imports accreditation, reviews, jobs and reports; nothing imports it.
"""
