"""The exception the package raises for what the compiler refuses."""


class CompilerError(Exception):
    """The compiler refused the model or the options.

    The message is the compiler's own, as the ``ingot`` command line prints
    it: the file, the operator and what to do.
    """


def check(result):
    """Raises CompilerError unless a driver call succeeded; returns it."""
    if not result["ok"]:
        raise CompilerError(result["messages"].strip()
                            or "ingot: error: the compiler failed")
    return result
