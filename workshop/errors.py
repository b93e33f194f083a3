"""The one error the tool reports to a person, and then exits."""


class WorkshopError(Exception):
    """A problem the person running the tool can fix; the message says how."""
