"""Errors the pure pipeline raises for bad input.

    PipelineError
    ├── DecodeError      bytes that are not a text page (empty, binary, not UTF-8)
    └── ParseError       text in which no article can be found

Each carries a message that names the problem; the caller adds the input's name.
"""


class PipelineError(ValueError):
    """Bad input to the pipeline; the message says what is wrong with it."""


class DecodeError(PipelineError):
    pass


class ParseError(PipelineError):
    pass
